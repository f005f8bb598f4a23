-- revision: 0014_node_urls
-- Written by `python -m claimpilot.db snapshot` from a store the migrations made; do not edit.

CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE cases (
	id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	marketplace VARCHAR(8) NOT NULL, 
	type VARCHAR(40) NOT NULL, 
	group_key VARCHAR(160) NOT NULL, 
	language VARCHAR(8) NOT NULL, 
	amazon_case_id VARCHAR(40), 
	submitted_on DATE, 
	text TEXT NOT NULL, 
	explanation_zh TEXT NOT NULL, 
	compliance_ok BOOLEAN NOT NULL, 
	compliance_issues JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_cases PRIMARY KEY (id)
);

CREATE TABLE claims (
	id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	marketplace VARCHAR(8) NOT NULL, 
	"key" VARCHAR(64) NOT NULL, 
	type VARCHAR(40) NOT NULL, 
	status VARCHAR(24) NOT NULL, 
	reference_id VARCHAR(120) NOT NULL, 
	fnsku VARCHAR(40), 
	sku VARCHAR(120), 
	quantity INTEGER NOT NULL, 
	unit_value NUMERIC(14, 2) NOT NULL, 
	amount NUMERIC(14, 2) NOT NULL, 
	currency VARCHAR(8) NOT NULL, 
	unit_value_estimated BOOLEAN NOT NULL, 
	event_date DATE NOT NULL, 
	window_opens DATE NOT NULL, 
	window_closes DATE NOT NULL, 
	evidence JSON NOT NULL, 
	detail JSON NOT NULL, 
	first_seen DATE NOT NULL, 
	last_seen DATE NOT NULL, 
	case_id INTEGER, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_claims PRIMARY KEY (id), 
	CONSTRAINT fk_claims_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id), 
	CONSTRAINT uq_claims_seller_id_marketplace_key UNIQUE (seller_id, marketplace, "key")
);

CREATE TABLE claim_events (
	id INTEGER NOT NULL, 
	claim_id INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	as_of DATE, 
	from_status VARCHAR(24), 
	to_status VARCHAR(24), 
	old_quantity INTEGER, 
	new_quantity INTEGER, 
	old_amount NUMERIC(14, 2), 
	new_amount NUMERIC(14, 2), 
	note TEXT NOT NULL, 
	at DATETIME NOT NULL, 
	CONSTRAINT pk_claim_events PRIMARY KEY (id), 
	CONSTRAINT fk_claim_events_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE
);

CREATE TABLE denials (
	id INTEGER NOT NULL, 
	claim_id INTEGER NOT NULL, 
	reason_code VARCHAR(32) NOT NULL, 
	reason_text TEXT NOT NULL, 
	at DATETIME NOT NULL, 
	CONSTRAINT pk_denials PRIMARY KEY (id), 
	CONSTRAINT fk_denials_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE
);

CREATE TABLE reimbursement_matches (
	id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	marketplace VARCHAR(8) NOT NULL, 
	claim_id INTEGER NOT NULL, 
	reimbursement_id VARCHAR(40) NOT NULL, 
	fnsku VARCHAR(40) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	matched_by VARCHAR(16) NOT NULL, 
	approval_date DATE NOT NULL, 
	quantity INTEGER NOT NULL, 
	amount NUMERIC(14, 2) NOT NULL, 
	currency VARCHAR(8) NOT NULL, 
	source_file VARCHAR(64), 
	source_row INTEGER, 
	CONSTRAINT pk_reimbursement_matches PRIMARY KEY (id), 
	CONSTRAINT fk_reimbursement_matches_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE, 
	CONSTRAINT uq_reimbursement_matches_seller_id_marketplace_reimbursement_id_fnsku_kind UNIQUE (seller_id, marketplace, reimbursement_id, fnsku, kind)
);

CREATE TABLE appeals (
	id INTEGER NOT NULL, 
	claim_id INTEGER NOT NULL, 
	denial_id INTEGER, 
	language VARCHAR(8) NOT NULL, 
	text TEXT NOT NULL, 
	polished BOOLEAN NOT NULL, 
	compliance_ok BOOLEAN NOT NULL, 
	compliance_issues JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_appeals PRIMARY KEY (id), 
	CONSTRAINT fk_appeals_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE, 
	CONSTRAINT fk_appeals_denial_id_denials FOREIGN KEY(denial_id) REFERENCES denials (id)
);

CREATE TABLE seller_accounts (
	id VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	marketplace VARCHAR(8) NOT NULL, 
	created_at DATETIME NOT NULL, node VARCHAR(64) DEFAULT '' NOT NULL, 
	CONSTRAINT pk_seller_accounts PRIMARY KEY (id)
);

CREATE TABLE users (
	id INTEGER NOT NULL, 
	email VARCHAR(254) NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	password_hash VARCHAR(255) NOT NULL, 
	is_active BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_users PRIMARY KEY (id), 
	CONSTRAINT uq_users_email UNIQUE (email)
);

CREATE TABLE api_keys (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	prefix VARCHAR(16) NOT NULL, 
	key_hash VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_used_at DATETIME, 
	revoked_at DATETIME, 
	CONSTRAINT pk_api_keys PRIMARY KEY (id), 
	CONSTRAINT fk_api_keys_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	CONSTRAINT uq_api_keys_key_hash UNIQUE (key_hash)
);

CREATE TABLE memberships (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	role VARCHAR(16) NOT NULL, 
	CONSTRAINT pk_memberships PRIMARY KEY (id), 
	CONSTRAINT fk_memberships_seller_id_seller_accounts FOREIGN KEY(seller_id) REFERENCES seller_accounts (id) ON DELETE CASCADE, 
	CONSTRAINT fk_memberships_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	CONSTRAINT uq_memberships_user_id_seller_id UNIQUE (user_id, seller_id)
);

CREATE TABLE web_sessions (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	CONSTRAINT pk_web_sessions PRIMARY KEY (id), 
	CONSTRAINT fk_web_sessions_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	CONSTRAINT uq_web_sessions_token_hash UNIQUE (token_hash)
);

CREATE TABLE buyer_mail_cursors (
	id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	account VARCHAR(300) NOT NULL, 
	mailbox VARCHAR(200) NOT NULL, 
	uid_validity BIGINT NOT NULL, 
	last_uid BIGINT NOT NULL, 
	polled_at DATETIME, 
	CONSTRAINT pk_buyer_mail_cursors PRIMARY KEY (id), 
	CONSTRAINT uq_buyer_mail_cursors_seller_id_account_mailbox UNIQUE (seller_id, account, mailbox)
);

CREATE TABLE buyer_replies (
	id INTEGER NOT NULL, 
	message_id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	order_id VARCHAR(32), 
	language VARCHAR(8) NOT NULL, 
	intent VARCHAR(32) NOT NULL, 
	subject VARCHAR(500) NOT NULL, 
	body TEXT NOT NULL, 
	confidence FLOAT NOT NULL, 
	drafted_by VARCHAR(16) NOT NULL, 
	context TEXT NOT NULL, 
	compliance_ok BOOLEAN NOT NULL, 
	compliance_issues TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	status_reason VARCHAR(500) NOT NULL, 
	auto BOOLEAN NOT NULL, 
	to_address VARCHAR(254) NOT NULL, 
	from_address VARCHAR(254), 
	outbox_message_id VARCHAR(300), 
	reservation VARCHAR(64), 
	reserved_at DATETIME, 
	sent_at DATETIME, 
	attempts INTEGER NOT NULL, 
	last_error VARCHAR(500) NOT NULL, 
	decided_by VARCHAR(120) NOT NULL, 
	decided_at DATETIME, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, seller_text TEXT, note_zh TEXT DEFAULT '' NOT NULL, 
	CONSTRAINT pk_buyer_replies PRIMARY KEY (id), 
	CONSTRAINT fk_buyer_replies_message_id_buyer_messages FOREIGN KEY(message_id) REFERENCES buyer_messages (id) ON DELETE CASCADE, 
	CONSTRAINT uq_buyer_replies_message_id UNIQUE (message_id), 
	CONSTRAINT uq_buyer_replies_outbox_message_id UNIQUE (outbox_message_id)
);

CREATE TABLE shipments (
	id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	ref VARCHAR(64) NOT NULL, 
	kind VARCHAR(12) NOT NULL, 
	provider VARCHAR(16) NOT NULL, 
	label VARCHAR(200) NOT NULL, 
	carrier VARCHAR(80), 
	carrier_code INTEGER, 
	order_id VARCHAR(32), 
	fba_shipment_id VARCHAR(32), 
	container VARCHAR(32), 
	origin VARCHAR(120), 
	destination VARCHAR(120), 
	status VARCHAR(20) NOT NULL, 
	provider_status VARCHAR(120) NOT NULL, 
	customs_hold BOOLEAN NOT NULL, 
	etd DATE, 
	planned_eta DATE, 
	eta DATE, 
	last_event_at DATETIME, 
	delivered_at DATETIME, 
	registered BOOLEAN NOT NULL, 
	detail JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_shipments PRIMARY KEY (id), 
	CONSTRAINT uq_shipments_seller_id_ref UNIQUE (seller_id, ref)
);

CREATE TABLE tracking_webhook_receipts (
	id INTEGER NOT NULL, 
	provider VARCHAR(16) NOT NULL, 
	event_key VARCHAR(64) NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	received_at DATETIME NOT NULL, 
	CONSTRAINT pk_tracking_webhook_receipts PRIMARY KEY (id), 
	CONSTRAINT uq_tracking_webhook_receipts_provider_event_key UNIQUE (provider, event_key)
);

CREATE TABLE shipment_alerts (
	id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	"key" VARCHAR(160) NOT NULL, 
	kind VARCHAR(24) NOT NULL, 
	shipment_id INTEGER, 
	ref VARCHAR(64) NOT NULL, 
	message TEXT NOT NULL, 
	data JSON NOT NULL, 
	claim_id INTEGER, 
	raised_on DATE NOT NULL, 
	deliveries JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_shipment_alerts PRIMARY KEY (id), 
	CONSTRAINT fk_shipment_alerts_shipment_id_shipments FOREIGN KEY(shipment_id) REFERENCES shipments (id) ON DELETE SET NULL, 
	CONSTRAINT uq_shipment_alerts_seller_id_key UNIQUE (seller_id, "key")
);

CREATE TABLE shipment_eta_changes (
	id INTEGER NOT NULL, 
	shipment_id INTEGER NOT NULL, 
	old_eta DATE, 
	new_eta DATE, 
	source VARCHAR(16) NOT NULL, 
	at DATETIME NOT NULL, 
	CONSTRAINT pk_shipment_eta_changes PRIMARY KEY (id), 
	CONSTRAINT fk_shipment_eta_changes_shipment_id_shipments FOREIGN KEY(shipment_id) REFERENCES shipments (id) ON DELETE CASCADE
);

CREATE TABLE shipment_events (
	id INTEGER NOT NULL, 
	shipment_id INTEGER NOT NULL, 
	"key" VARCHAR(64) NOT NULL, 
	at DATETIME NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	provider_status VARCHAR(120) NOT NULL, 
	description TEXT NOT NULL, 
	location VARCHAR(200) NOT NULL, 
	source VARCHAR(16) NOT NULL, 
	CONSTRAINT pk_shipment_events PRIMARY KEY (id), 
	CONSTRAINT fk_shipment_events_shipment_id_shipments FOREIGN KEY(shipment_id) REFERENCES shipments (id) ON DELETE CASCADE, 
	CONSTRAINT uq_shipment_events_shipment_id_key UNIQUE (shipment_id, "key")
);

CREATE TABLE job_runs (
	id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	cycle VARCHAR(32) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	token INTEGER NOT NULL, 
	queued_at DATETIME NOT NULL, 
	started_at DATETIME, 
	finished_at DATETIME, 
	worker VARCHAR(200) NOT NULL, 
	error TEXT NOT NULL, 
	result JSON NOT NULL, lease_until DATETIME, 
	CONSTRAINT pk_job_runs PRIMARY KEY (id), 
	CONSTRAINT uq_job_runs_seller_id_kind_cycle UNIQUE (seller_id, kind, cycle)
);

CREATE TABLE job_attempts (
	id INTEGER NOT NULL, 
	run_id INTEGER NOT NULL, 
	token INTEGER NOT NULL, 
	worker VARCHAR(200) NOT NULL, 
	pid INTEGER NOT NULL, 
	started_at DATETIME NOT NULL, 
	ended_at DATETIME, 
	outcome VARCHAR(16), 
	error TEXT NOT NULL, lease_until DATETIME, 
	CONSTRAINT pk_job_attempts PRIMARY KEY (id), 
	CONSTRAINT fk_job_attempts_run_id_job_runs FOREIGN KEY(run_id) REFERENCES job_runs (id) ON DELETE CASCADE
);

CREATE TABLE seller_credentials (
	seller_id VARCHAR(64) NOT NULL, 
	region VARCHAR(8) NOT NULL, 
	endpoint VARCHAR(300), 
	lwa_app_id VARCHAR(200), 
	lwa_client_secret_enc TEXT, 
	refresh_token_enc TEXT, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_seller_credentials PRIMARY KEY (seller_id), 
	CONSTRAINT fk_seller_credentials_seller_id_seller_accounts FOREIGN KEY(seller_id) REFERENCES seller_accounts (id) ON DELETE CASCADE
);

CREATE TABLE seller_schedules (
	id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	at_utc VARCHAR(5), 
	every_minutes INTEGER, 
	enabled BOOLEAN NOT NULL, 
	options JSON NOT NULL, 
	CONSTRAINT pk_seller_schedules PRIMARY KEY (id), 
	CONSTRAINT fk_seller_schedules_seller_id_seller_accounts FOREIGN KEY(seller_id) REFERENCES seller_accounts (id) ON DELETE CASCADE, 
	CONSTRAINT uq_seller_schedules_seller_id_kind UNIQUE (seller_id, kind)
);

CREATE TABLE seller_channels (
	seller_id VARCHAR(64) NOT NULL, 
	section VARCHAR(16) NOT NULL, 
	settings_enc TEXT NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_seller_channels PRIMARY KEY (seller_id, section), 
	CONSTRAINT ck_seller_channels_section CHECK (section IN ('mailbox', 'alerts')), 
	CONSTRAINT fk_seller_channels_seller_id_seller_accounts FOREIGN KEY(seller_id) REFERENCES seller_accounts (id) ON DELETE CASCADE
);

CREATE TABLE "buyer_messages" (
	id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	source VARCHAR(16) NOT NULL, 
	source_key VARCHAR(300) NOT NULL, 
	rfc_message_id VARCHAR(300), 
	order_id VARCHAR(32), 
	relay_address VARCHAR(254) NOT NULL, 
	buyer_name VARCHAR(200) NOT NULL, 
	subject VARCHAR(500) NOT NULL, 
	body TEXT NOT NULL, 
	attachments TEXT NOT NULL, 
	language VARCHAR(8) NOT NULL, 
	language_confidence FLOAT NOT NULL, 
	intent VARCHAR(32) NOT NULL, 
	intent_confidence FLOAT NOT NULL, 
	suspicious BOOLEAN NOT NULL, 
	received_at DATETIME NOT NULL, 
	created_at DATETIME NOT NULL, 
	flags TEXT DEFAULT '[]' NOT NULL, 
	angry BOOLEAN DEFAULT 0 NOT NULL, 
	translation_zh TEXT, 
	CONSTRAINT pk_buyer_messages PRIMARY KEY (id), 
	CONSTRAINT uq_buyer_messages_seller_id_rfc_message_id UNIQUE (seller_id, rfc_message_id), 
	CONSTRAINT uq_buyer_messages_seller_id_source_key UNIQUE (seller_id, source_key)
);

CREATE TABLE buyer_tasks (
	id INTEGER NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	message_id INTEGER NOT NULL, 
	order_id VARCHAR(32), 
	kind VARCHAR(32) NOT NULL, 
	detail TEXT NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	due_on DATE, 
	done_by VARCHAR(120) NOT NULL, 
	done_at DATETIME, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_buyer_tasks PRIMARY KEY (id), 
	CONSTRAINT fk_buyer_tasks_message_id_buyer_messages FOREIGN KEY(message_id) REFERENCES buyer_messages (id) ON DELETE CASCADE, 
	CONSTRAINT uq_buyer_tasks_message_id_kind UNIQUE (message_id, kind)
);

CREATE TABLE worker_nodes (
	name VARCHAR(64) NOT NULL, 
	home TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	seen_at DATETIME NOT NULL, url TEXT DEFAULT '' NOT NULL, 
	CONSTRAINT pk_worker_nodes PRIMARY KEY (name)
);

CREATE TABLE amazon_consents (
	state_sha256 VARCHAR(64) NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	user_id INTEGER NOT NULL, 
	redirect_uri VARCHAR(500) NOT NULL, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	CONSTRAINT pk_amazon_consents PRIMARY KEY (state_sha256), 
	CONSTRAINT fk_amazon_consents_seller_id_seller_accounts FOREIGN KEY(seller_id) REFERENCES seller_accounts (id) ON DELETE CASCADE, 
	CONSTRAINT fk_amazon_consents_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE claims_versions (
	seller_id VARCHAR(64) NOT NULL, 
	version BIGINT DEFAULT '0' NOT NULL, 
	CONSTRAINT pk_claims_versions PRIMARY KEY (seller_id)
);

CREATE TABLE invitations (
	id INTEGER NOT NULL, 
	token_sha256 VARCHAR(64) NOT NULL, 
	seller_id VARCHAR(64) NOT NULL, 
	email VARCHAR(254) NOT NULL, 
	role VARCHAR(16) NOT NULL, 
	invited_by INTEGER, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	accepted_at DATETIME, 
	revoked_at DATETIME, 
	CONSTRAINT pk_invitations PRIMARY KEY (id), 
	CONSTRAINT fk_invitations_seller_id_seller_accounts FOREIGN KEY(seller_id) REFERENCES seller_accounts (id) ON DELETE CASCADE, 
	CONSTRAINT fk_invitations_invited_by_users FOREIGN KEY(invited_by) REFERENCES users (id) ON DELETE SET NULL, 
	CONSTRAINT uq_invitations_token_sha256 UNIQUE (token_sha256)
);

CREATE INDEX ix_cases_amazon_case_id ON cases (amazon_case_id);

CREATE INDEX ix_cases_seller_id ON cases (seller_id);

CREATE INDEX ix_claims_case_id ON claims (case_id);

CREATE INDEX ix_claims_fnsku ON claims (fnsku);

CREATE INDEX ix_claims_seller_id ON claims (seller_id);

CREATE INDEX ix_claims_status ON claims (status);

CREATE INDEX ix_claims_type ON claims (type);

CREATE INDEX ix_claim_events_claim_id ON claim_events (claim_id);

CREATE INDEX ix_denials_claim_id ON denials (claim_id);

CREATE INDEX ix_reimbursement_matches_claim_id ON reimbursement_matches (claim_id);

CREATE INDEX ix_appeals_claim_id ON appeals (claim_id);

CREATE INDEX ix_api_keys_prefix ON api_keys (prefix);

CREATE INDEX ix_api_keys_user_id ON api_keys (user_id);

CREATE INDEX ix_memberships_seller_id ON memberships (seller_id);

CREATE INDEX ix_memberships_user_id ON memberships (user_id);

CREATE INDEX ix_web_sessions_user_id ON web_sessions (user_id);

CREATE INDEX ix_claims_listing ON claims (seller_id, marketplace, window_closes, id);

CREATE INDEX ix_buyer_replies_seller_id ON buyer_replies (seller_id);

CREATE INDEX ix_buyer_replies_status ON buyer_replies (status);

CREATE INDEX ix_shipments_fba_shipment_id ON shipments (fba_shipment_id);

CREATE INDEX ix_shipments_order_id ON shipments (order_id);

CREATE INDEX ix_shipments_seller_id ON shipments (seller_id);

CREATE INDEX ix_shipments_status ON shipments (status);

CREATE INDEX ix_shipment_alerts_kind ON shipment_alerts (kind);

CREATE INDEX ix_shipment_alerts_seller_id ON shipment_alerts (seller_id);

CREATE INDEX ix_shipment_alerts_shipment_id ON shipment_alerts (shipment_id);

CREATE INDEX ix_shipment_eta_changes_shipment_id ON shipment_eta_changes (shipment_id);

CREATE INDEX ix_shipment_events_shipment_id ON shipment_events (shipment_id);

CREATE INDEX ix_job_runs_seller_id ON job_runs (seller_id);

CREATE INDEX ix_job_runs_status ON job_runs (status);

CREATE INDEX ix_job_attempts_run_id ON job_attempts (run_id);

CREATE INDEX ix_seller_schedules_seller_id ON seller_schedules (seller_id);

CREATE INDEX ix_buyer_messages_order_id ON buyer_messages (order_id);

CREATE INDEX ix_buyer_messages_seller_id ON buyer_messages (seller_id);

CREATE INDEX ix_buyer_tasks_seller_id ON buyer_tasks (seller_id);

CREATE INDEX ix_buyer_tasks_message_id ON buyer_tasks (message_id);

CREATE INDEX ix_buyer_tasks_status ON buyer_tasks (status);

CREATE INDEX ix_job_attempts_open ON job_attempts (ended_at, lease_until);

CREATE INDEX ix_seller_accounts_node ON seller_accounts (node);

CREATE INDEX ix_amazon_consents_seller_id ON amazon_consents (seller_id);

CREATE INDEX ix_amazon_consents_user_id ON amazon_consents (user_id);

CREATE INDEX ix_amazon_consents_expires_at ON amazon_consents (expires_at);

CREATE INDEX ix_invitations_seller_id ON invitations (seller_id);

CREATE TRIGGER claims_version_insert AFTER INSERT ON claims BEGIN INSERT INTO claims_versions (seller_id, version) VALUES (NEW.seller_id, 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER claims_version_update AFTER UPDATE ON claims BEGIN INSERT INTO claims_versions (seller_id, version) VALUES (NEW.seller_id, 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER claims_version_delete AFTER DELETE ON claims BEGIN INSERT INTO claims_versions (seller_id, version) VALUES (OLD.seller_id, 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER cases_version_insert AFTER INSERT ON cases BEGIN INSERT INTO claims_versions (seller_id, version) VALUES (NEW.seller_id, 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER cases_version_update AFTER UPDATE ON cases BEGIN INSERT INTO claims_versions (seller_id, version) VALUES (NEW.seller_id, 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER cases_version_delete AFTER DELETE ON cases BEGIN INSERT INTO claims_versions (seller_id, version) VALUES (OLD.seller_id, 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER users_version_insert AFTER INSERT ON users BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER users_version_update AFTER UPDATE ON users BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER users_version_delete AFTER DELETE ON users BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER seller_accounts_version_insert AFTER INSERT ON seller_accounts BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER seller_accounts_version_update AFTER UPDATE ON seller_accounts BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER seller_accounts_version_delete AFTER DELETE ON seller_accounts BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER memberships_version_insert AFTER INSERT ON memberships BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER memberships_version_update AFTER UPDATE ON memberships BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER memberships_version_delete AFTER DELETE ON memberships BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER api_keys_version_insert AFTER INSERT ON api_keys BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER api_keys_version_update AFTER UPDATE ON api_keys BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER api_keys_version_delete AFTER DELETE ON api_keys BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER web_sessions_version_insert AFTER INSERT ON web_sessions BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER web_sessions_version_update AFTER UPDATE ON web_sessions BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER web_sessions_version_delete AFTER DELETE ON web_sessions BEGIN INSERT INTO claims_versions (seller_id, version) VALUES ('#accounts', 1) ON CONFLICT (seller_id) DO UPDATE SET version = version + 1; END;

INSERT INTO alembic_version (version_num) VALUES ('0014_node_urls');
