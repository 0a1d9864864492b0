-- rule SIG-DENIED-HARM as of 2025-12-31: signal
-- result columns: message from 7, evidence from 11 serious_incidents
-- reads: defect_cases(*,case_id,concluded_on,conclusion,hazard,product_id) incidents(hazard,known_on,outcome,product_id) products(company_id,product_id)

-- the rule's query
WITH "subjects" AS MATERIALIZED (
SELECT "subject".*, "subject"."case_id" AS "rg_key", (SELECT "products_1"."company_id" FROM "products" AS "products_1" WHERE ("products_1"."product_id" = "subject"."product_id")) AS "rg_company", (SELECT count(1) FROM "incidents" AS "incidents_2" WHERE (("incidents_2"."product_id" = (SELECT "products_3"."product_id" FROM "products" AS "products_3" WHERE ("products_3"."product_id" = "subject"."product_id"))) AND ((("incidents_2"."outcome" IN (?1, ?2)) AND ("incidents_2"."hazard" = "subject"."hazard")) AND ("incidents_2"."known_on" <= "subject"."concluded_on")))) AS "rg_let_0" FROM "defect_cases" AS "subject" WHERE ("subject"."conclusion" = ?3)
)
SELECT "subjects"."rg_key" AS "rg_key", "subjects"."rg_company" AS "rg_company", NULL AS "rg_trigger", NULL AS "rg_due", NULL AS "rg_done", NULL AS "rg_period", NULL AS "rg_record", "subjects"."case_id" AS "rg_msg_0", "subjects"."concluded_on" AS "rg_msg_1", "subjects"."rg_let_0" AS "rg_msg_2", "subjects"."hazard" AS "rg_msg_3", "subjects"."rg_let_0" AS "rg_ev_serious_incidents" FROM "subjects" AS "subjects" WHERE ("subjects"."rg_let_0" >= ?4) ORDER BY "subjects"."rg_key"
;
-- ?1 = 'death' (text)
-- ?2 = 'serious_injury' (text)
-- ?3 = 'no_defect' (text)
-- ?4 = 2 (integer)

-- subjects evaluated
SELECT count(1) FROM "defect_cases" AS "subject" WHERE ("subject"."conclusion" = ?1)
;
-- ?1 = 'no_defect' (text)
