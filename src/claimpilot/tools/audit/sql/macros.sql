-- Shared macros of the audit. The as-of date is the variable audit_as_of.

-- A finding's status against the as-of date; both ends of a window are inside it.
CREATE OR REPLACE TEMP MACRO finding_status(as_of, opens, closes) AS
    CASE WHEN as_of < opens THEN 'pending'
         WHEN as_of <= closes THEN 'claimable'
         ELSE 'expired' END;

-- Report values compared after folding case, spaces, hyphens and underscores.
CREATE OR REPLACE TEMP MACRO fold(v) AS lower(regexp_replace(coalesce(v, ''), '[\s_-]+', '', 'g'));

-- A length in inches, from inches or centimetres (or millimetres).
CREATE OR REPLACE TEMP MACRO to_inches(v, unit) AS
    CASE WHEN fold(unit) IN ('cm', 'centimeter', 'centimeters', 'centimetre', 'centimetres') THEN v / 2.54
         WHEN fold(unit) IN ('mm', 'millimeter', 'millimeters', 'millimetre', 'millimetres') THEN v / 25.4
         ELSE v END;

-- A weight in pounds, from lb, oz, kg or g (any spelling of those).
CREATE OR REPLACE TEMP MACRO to_pounds(v, unit) AS
    CASE WHEN fold(unit) IN ('oz', 'ounce', 'ounces') THEN v / 16.0
         WHEN fold(unit) IN ('kg', 'kgs', 'kilogram', 'kilograms') THEN v / 0.45359237
         WHEN fold(unit) IN ('g', 'gr', 'gram', 'grams') THEN v / 453.59237
         ELSE v END;

-- A policy window's edge for a claim type, from its anchor date: calendar months (a month-end
-- stays in its month: 08-31 + 6 months = 02-28), then days.
CREATE OR REPLACE TEMP MACRO window_opens(claim_type, anchor) AS
    CAST(anchor + to_months((SELECT opens_months FROM policy_window w WHERE w.type = claim_type AND w.in_force))
         AS DATE)
    + (SELECT opens_days FROM policy_window w WHERE w.type = claim_type AND w.in_force)::INTEGER;
CREATE OR REPLACE TEMP MACRO window_closes(claim_type, anchor) AS
    CAST(anchor + to_months((SELECT closes_months FROM policy_window w WHERE w.type = claim_type AND w.in_force))
         AS DATE)
    + (SELECT closes_days FROM policy_window w WHERE w.type = claim_type AND w.in_force)::INTEGER;

-- The event a claim type's window in force counts from (policy_schema.ANCHORS).
CREATE OR REPLACE TEMP MACRO window_anchor(claim_type) AS
    (SELECT anchor FROM policy_window w WHERE w.type = claim_type AND w.in_force);

-- The ledger or reimbursement reason codes that a claim type's policy lists for a role.
CREATE OR REPLACE TEMP MACRO policy_has_code(claim_type, code_role, code) AS
    upper(trim(code)) IN (SELECT upper(r.code) FROM policy_reason r
                          WHERE r.type = claim_type AND r.role = code_role AND r.in_force);

-- A policy parameter in force.
CREATE OR REPLACE TEMP MACRO policy_num(param) AS (SELECT value_num FROM policy_param p WHERE p.name = param);
CREATE OR REPLACE TEMP MACRO policy_date(param) AS (SELECT value_date FROM policy_param p WHERE p.name = param);

-- One evidence item.
CREATE OR REPLACE TEMP MACRO ev(report, file, rownum) AS {'report': report, 'file': file, 'row': rownum::BIGINT};
