-- rule SIG-FIRE-CLUSTER as of 2025-12-31: signal
-- result columns: message from 7, evidence from 11 cluster_date
-- reads: complaints(hazard,product_id,received_on) defect_cases(opened_on,product_id) incidents(hazard,occurred_on,product_id) products(*,company_id,product_id)

-- the rule's query
WITH "let_0" AS MATERIALIZED (
SELECT "subject"."product_id" AS "k", "incidents_1"."occurred_on" AS "v" FROM "products" AS "subject" JOIN "incidents" AS "incidents_1" ON 1 WHERE (("incidents_1"."product_id" = "subject"."product_id") AND ("incidents_1"."hazard" IN (?1, ?2))) UNION ALL SELECT "subject"."product_id" AS "k", "complaints_2"."received_on" AS "v" FROM "products" AS "subject" JOIN "complaints" AS "complaints_2" ON 1 WHERE (("complaints_2"."product_id" = "subject"."product_id") AND ("complaints_2"."hazard" IN (?3, ?4)))
),
"subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."product_id" AS "rg_key", "subject"."company_id" AS "rg_company", (SELECT min("value_3"."v") FROM "let_0" AS "value_3" WHERE (("value_3"."k" = "subject"."product_id") AND ((SELECT count(1) FROM "let_0" AS "value_4" WHERE (("value_4"."k" = "subject"."product_id") AND (("value_4"."v" >= (SELECT date("value_3"."v", ?5))) AND ("value_4"."v" <= "value_3"."v")))) >= ?6))) AS "rg_let_1" FROM "products" AS "subject"
)
SELECT "subjects"."rg_key" AS "rg_key", "subjects"."rg_company" AS "rg_company", NULL AS "rg_trigger", NULL AS "rg_due", NULL AS "rg_done", NULL AS "rg_period", NULL AS "rg_record", "subjects"."brand" AS "rg_msg_0", "subjects"."model" AS "rg_msg_1", ?7 AS "rg_msg_2", "subjects"."rg_let_1" AS "rg_msg_3", "subjects"."rg_let_1" AS "rg_ev_cluster_date" FROM "subjects" AS "subjects" WHERE (((SELECT date("subjects"."rg_let_1", ?8)) < ?9) AND (NOT EXISTS (SELECT 1 FROM "defect_cases" AS "defect_cases_5" WHERE (("defect_cases_5"."product_id" = "subjects"."product_id") AND ("defect_cases_5"."opened_on" <= (SELECT date("subjects"."rg_let_1", ?10))))))) ORDER BY "subjects"."rg_key"
;
-- ?1 = 'fire' (text)
-- ?2 = 'explosion' (text)
-- ?3 = 'fire' (text)
-- ?4 = 'explosion' (text)
-- ?5 = '-89 days' (text)
-- ?6 = 3 (integer)
-- ?7 = 3 (integer)
-- ?8 = '+10 days' (text)
-- ?9 = '2025-12-31' (text)
-- ?10 = '+10 days' (text)

-- subjects evaluated
SELECT count(1) FROM "products" AS "subject"
;
-- (no parameters)
