"""Claims, cases, claim events, reimbursement matches, denials and appeals.

Revision ID: 0001_cases
Revises:
Create Date: 2026-11-27 20:49:09.036462
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001_cases'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.String(length=64), nullable=False),
    sa.Column('marketplace', sa.String(length=8), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('group_key', sa.String(length=160), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('amazon_case_id', sa.String(length=40), nullable=True),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('explanation_zh', sa.Text(), nullable=False),
    sa.Column('compliance_ok', sa.Boolean(), nullable=False),
    sa.Column('compliance_issues', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_amazon_case_id'), ['amazon_case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_seller_id'), ['seller_id'], unique=False)

    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.String(length=64), nullable=False),
    sa.Column('marketplace', sa.String(length=8), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('reference_id', sa.String(length=120), nullable=False),
    sa.Column('fnsku', sa.String(length=40), nullable=True),
    sa.Column('sku', sa.String(length=120), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_value', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=8), nullable=False),
    sa.Column('unit_value_estimated', sa.Boolean(), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=False),
    sa.Column('window_opens', sa.Date(), nullable=False),
    sa.Column('window_closes', sa.Date(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('first_seen', sa.Date(), nullable=False),
    sa.Column('last_seen', sa.Date(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_claims_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims')),
    sa.UniqueConstraint('seller_id', 'marketplace', 'key', name=op.f('uq_claims_seller_id_marketplace_key'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_fnsku'), ['fnsku'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_seller_id'), ['seller_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_type'), ['type'], unique=False)

    op.create_table('claim_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.Column('from_status', sa.String(length=24), nullable=True),
    sa.Column('to_status', sa.String(length=24), nullable=True),
    sa.Column('old_quantity', sa.Integer(), nullable=True),
    sa.Column('new_quantity', sa.Integer(), nullable=True),
    sa.Column('old_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('new_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_events_claim_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_events'))
    )
    with op.batch_alter_table('claim_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_events_claim_id'), ['claim_id'], unique=False)

    op.create_table('denials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('reason_code', sa.String(length=32), nullable=False),
    sa.Column('reason_text', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_denials_claim_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_denials'))
    )
    with op.batch_alter_table('denials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_denials_claim_id'), ['claim_id'], unique=False)

    op.create_table('reimbursement_matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.String(length=64), nullable=False),
    sa.Column('marketplace', sa.String(length=8), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('reimbursement_id', sa.String(length=40), nullable=False),
    sa.Column('fnsku', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('matched_by', sa.String(length=16), nullable=False),
    sa.Column('approval_date', sa.Date(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=8), nullable=False),
    sa.Column('source_file', sa.String(length=64), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_reimbursement_matches_claim_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reimbursement_matches')),
    sa.UniqueConstraint('seller_id', 'marketplace', 'reimbursement_id', 'fnsku', 'kind', name=op.f('uq_reimbursement_matches_seller_id_marketplace_reimbursement_id_fnsku_kind'))
    )
    with op.batch_alter_table('reimbursement_matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reimbursement_matches_claim_id'), ['claim_id'], unique=False)

    op.create_table('appeals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('denial_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('polished', sa.Boolean(), nullable=False),
    sa.Column('compliance_ok', sa.Boolean(), nullable=False),
    sa.Column('compliance_issues', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_appeals_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['denial_id'], ['denials.id'], name=op.f('fk_appeals_denial_id_denials')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appeals'))
    )
    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appeals_claim_id'), ['claim_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appeals_claim_id'))

    op.drop_table('appeals')
    with op.batch_alter_table('reimbursement_matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reimbursement_matches_claim_id'))

    op.drop_table('reimbursement_matches')
    with op.batch_alter_table('denials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_denials_claim_id'))

    op.drop_table('denials')
    with op.batch_alter_table('claim_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_events_claim_id'))

    op.drop_table('claim_events')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_type'))
        batch_op.drop_index(batch_op.f('ix_claims_status'))
        batch_op.drop_index(batch_op.f('ix_claims_seller_id'))
        batch_op.drop_index(batch_op.f('ix_claims_fnsku'))
        batch_op.drop_index(batch_op.f('ix_claims_case_id'))

    op.drop_table('claims')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_seller_id'))
        batch_op.drop_index(batch_op.f('ix_cases_amazon_case_id'))

    op.drop_table('cases')
