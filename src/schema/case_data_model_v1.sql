-- Recall case data model, version 1.
-- The one DDL of the contract in shared/spec/case-data-model.md. `recallguard init`
-- creates databases from it; `recallguard validate` checks foreign databases against
-- the same rules (they may lack these constraints entirely).
-- PRAGMA user_version carries the model version. Only what the contract states is a
-- constraint here; plausibility checks the page implies but does not state (a case
-- concluded before it was opened) are warnings of `validate`, not constraints.
-- Dates are checked with `date(x, '+0 days') IS x`: plain `date(x)` echoes day numbers
-- up to 31 in any month (SQLite 3.40 returns '2025-02-30' unchanged), while a modifier
-- makes SQLite normalise the date, so only a real calendar date survives the round trip.
PRAGMA user_version = 1;
PRAGMA foreign_keys = ON;

CREATE TABLE companies (
  company_id TEXT PRIMARY KEY NOT NULL,
  name       TEXT NOT NULL,
  country    TEXT NOT NULL CHECK (country GLOB '[A-Z][A-Z]'),
  role       TEXT NOT NULL CHECK (role IN ('producer', 'importer', 'seller'))
);

CREATE TABLE products (
  product_id  TEXT PRIMARY KEY NOT NULL,
  company_id  TEXT NOT NULL REFERENCES companies (company_id),
  category    TEXT NOT NULL CHECK (category IN ('power_bank', 'vehicle', 'childrens_product',
                                                'household_appliance', 'electronics', 'other')),
  brand       TEXT,
  model       TEXT NOT NULL,
  batch       TEXT,
  market      TEXT NOT NULL CHECK (market GLOB '[A-Z][A-Z]'),
  units_sold  INTEGER NOT NULL CHECK (typeof(units_sold) = 'integer' AND units_sold >= 0),
  certificate TEXT
);
CREATE INDEX products_company ON products (company_id);

CREATE TABLE complaints (
  complaint_id TEXT PRIMARY KEY NOT NULL,
  product_id   TEXT NOT NULL REFERENCES products (product_id),
  received_on  TEXT NOT NULL CHECK (date(received_on, '+0 days') IS received_on),
  channel      TEXT NOT NULL CHECK (channel IN ('hotline', 'platform', 'dealer', 'direct')),
  hazard       TEXT NOT NULL CHECK (hazard IN ('fire', 'explosion', 'overheating', 'electric_shock',
                                               'injury', 'crash', 'choking', 'other')),
  description  TEXT
);
CREATE INDEX complaints_product ON complaints (product_id, received_on);

CREATE TABLE incidents (
  incident_id TEXT PRIMARY KEY NOT NULL,
  product_id  TEXT NOT NULL REFERENCES products (product_id),
  occurred_on TEXT NOT NULL CHECK (date(occurred_on, '+0 days') IS occurred_on),
  known_on    TEXT NOT NULL CHECK (date(known_on, '+0 days') IS known_on),
  outcome     TEXT NOT NULL CHECK (outcome IN ('death', 'serious_injury', 'minor_injury',
                                               'property_damage', 'none')),
  hazard      TEXT NOT NULL CHECK (hazard IN ('fire', 'explosion', 'overheating', 'electric_shock',
                                              'injury', 'crash', 'choking', 'other')),
  country     TEXT NOT NULL CHECK (country GLOB '[A-Z][A-Z]'),
  CHECK (known_on >= occurred_on)
);
CREATE INDEX incidents_product ON incidents (product_id, occurred_on);

CREATE TABLE defect_cases (
  case_id      TEXT PRIMARY KEY NOT NULL,
  product_id   TEXT NOT NULL REFERENCES products (product_id),
  opened_on    TEXT NOT NULL CHECK (date(opened_on, '+0 days') IS opened_on),
  source       TEXT NOT NULL CHECK (source IN ('complaint', 'incident', 'test', 'regulator_notice',
                                               'foreign_recall', 'internal')),
  hazard       TEXT NOT NULL CHECK (hazard IN ('fire', 'explosion', 'overheating', 'electric_shock',
                                               'injury', 'crash', 'choking', 'other')),
  concluded_on TEXT CHECK (concluded_on IS NULL OR date(concluded_on, '+0 days') IS concluded_on),
  conclusion   TEXT CHECK (conclusion IS NULL OR conclusion IN ('defect', 'no_defect')),
  -- "concluded_on NULL = still open" and "conclusion NULL while open" together.
  CHECK ((concluded_on IS NULL) = (conclusion IS NULL))
);
CREATE INDEX defect_cases_product ON defect_cases (product_id, opened_on);

CREATE TABLE filings (
  filing_id  TEXT PRIMARY KEY NOT NULL,
  company_id TEXT NOT NULL REFERENCES companies (company_id),
  product_id TEXT REFERENCES products (product_id),
  case_id    TEXT REFERENCES defect_cases (case_id),
  kind       TEXT NOT NULL CHECK (kind IN ('incident_report', 'foreign_recall_report', 'defect_report',
                                           'recall_plan', 'plan_change', 'progress_report',
                                           'summary_report', 'bulletin_filing')),
  filed_on   TEXT NOT NULL CHECK (date(filed_on, '+0 days') IS filed_on),
  authority  TEXT NOT NULL CHECK (length(authority) > 0),
  period_end TEXT CHECK (period_end IS NULL OR date(period_end, '+0 days') IS period_end),
  content    TEXT CHECK (content IS NULL OR (json_valid(content) AND json_type(content) = 'object'))
);
CREATE INDEX filings_case ON filings (case_id, kind, filed_on);
CREATE INDEX filings_product ON filings (product_id, kind, filed_on);
CREATE INDEX filings_company ON filings (company_id);

CREATE TABLE recalls (
  recall_id      TEXT PRIMARY KEY NOT NULL,
  case_id        TEXT NOT NULL REFERENCES defect_cases (case_id),
  kind           TEXT NOT NULL CHECK (kind IN ('voluntary', 'ordered')),
  decided_on     TEXT NOT NULL CHECK (date(decided_on, '+0 days') IS decided_on),
  started_on     TEXT CHECK (started_on IS NULL OR date(started_on, '+0 days') IS started_on),
  planned_end_on TEXT CHECK (planned_end_on IS NULL OR date(planned_end_on, '+0 days') IS planned_end_on),
  completed_on   TEXT CHECK (completed_on IS NULL OR date(completed_on, '+0 days') IS completed_on),
  units_affected INTEGER NOT NULL CHECK (typeof(units_affected) = 'integer' AND units_affected >= 0),
  remedy         TEXT NOT NULL CHECK (remedy IN ('repair', 'replace', 'refund', 'warning'))
);
CREATE INDEX recalls_case ON recalls (case_id);

CREATE TABLE notices (
  notice_id    TEXT PRIMARY KEY NOT NULL,
  recall_id    TEXT NOT NULL REFERENCES recalls (recall_id),
  audience     TEXT NOT NULL CHECK (audience IN ('public', 'consumers', 'sellers', 'owners')),
  published_on TEXT NOT NULL CHECK (date(published_on, '+0 days') IS published_on),
  channel      TEXT NOT NULL CHECK (channel IN ('website', 'press', 'mail', 'sms', 'platform', 'dealer'))
);
CREATE INDEX notices_recall ON notices (recall_id, audience, published_on);

CREATE TABLE recall_progress (
  recall_id      TEXT NOT NULL REFERENCES recalls (recall_id),
  as_of          TEXT NOT NULL CHECK (date(as_of, '+0 days') IS as_of),
  units_remedied INTEGER NOT NULL CHECK (typeof(units_remedied) = 'integer' AND units_remedied >= 0),
  PRIMARY KEY (recall_id, as_of)
);

CREATE TABLE sales (
  sale_id    TEXT PRIMARY KEY NOT NULL,
  product_id TEXT NOT NULL REFERENCES products (product_id),
  sold_on    TEXT NOT NULL CHECK (date(sold_on, '+0 days') IS sold_on),
  units      INTEGER NOT NULL CHECK (typeof(units) = 'integer' AND units > 0)
);
CREATE INDEX sales_product ON sales (product_id, sold_on);

CREATE TABLE design_changes (
  change_id      TEXT PRIMARY KEY NOT NULL,
  product_id     TEXT NOT NULL REFERENCES products (product_id),
  effective_on   TEXT NOT NULL CHECK (date(effective_on, '+0 days') IS effective_on),
  kind           TEXT NOT NULL CHECK (kind IN ('design_change', 'service_bulletin', 'software_update')),
  safety_related INTEGER NOT NULL CHECK (safety_related IN (0, 1)),
  description    TEXT
);
CREATE INDEX design_changes_product ON design_changes (product_id, effective_on);

CREATE TABLE foreign_recalls (
  foreign_recall_id TEXT PRIMARY KEY NOT NULL,
  product_id        TEXT NOT NULL REFERENCES products (product_id),
  country           TEXT NOT NULL CHECK (country GLOB '[A-Z][A-Z]'),
  announced_on      TEXT NOT NULL CHECK (date(announced_on, '+0 days') IS announced_on)
);
CREATE INDEX foreign_recalls_product ON foreign_recalls (product_id);

CREATE TABLE regulator_actions (
  action_id  TEXT PRIMARY KEY NOT NULL,
  company_id TEXT NOT NULL REFERENCES companies (company_id),
  case_id    TEXT REFERENCES defect_cases (case_id),
  kind       TEXT NOT NULL CHECK (kind IN ('investigation_notice', 'recall_order', 'deadline_extension')),
  issued_on  TEXT NOT NULL CHECK (date(issued_on, '+0 days') IS issued_on),
  due_on     TEXT CHECK (due_on IS NULL OR date(due_on, '+0 days') IS due_on)
);
CREATE INDEX regulator_actions_case ON regulator_actions (case_id, kind);
