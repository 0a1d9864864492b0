-- Shared by every hand-written baseline fixture: the companies. Each <RULE-ID>.test adds its
-- own products and rows. Subject keys starting with MET- or OK- must produce no finding.
INSERT INTO companies (company_id, name, country, role) VALUES
  ('CO-CN', '深圳市测试电子有限公司', 'CN', 'producer'),
  ('CO-US', 'Test Motors Inc.', 'US', 'producer'),
  ('CO-DE', 'Prüf GmbH', 'DE', 'importer');
