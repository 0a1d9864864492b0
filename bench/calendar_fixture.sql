-- Working-day calendar tables for running the hand-written baselines and their tests:
-- CN and US, 2024-01-01 .. 2026-12-31, built from the holiday lists below.
-- Run it on an empty database and attach that database as `cal`:
--   sqlite3 cal.db < bench/calendar_fixture.sql
--   sqlite3 case.db -cmd "ATTACH 'cal.db' AS cal" ...
-- This is a test fixture, written independently of the project's calendar data files
-- so that the baselines are an independent oracle; keep the lists in step with
-- standard-rules.md (CN: State Council notices; US: 5 U.S.C. 6103, observed dates).
--
-- rg_calendar_days: one row per date; ord = working days on or before that date.
-- rg_working_days:  one row per working day; "N WD after D" is the day whose ord is
--                   ord(D) + N.

CREATE TABLE rg_calendar_days (
  calendar TEXT NOT NULL,
  day      TEXT NOT NULL,
  ord      INTEGER NOT NULL,
  working  INTEGER NOT NULL,
  PRIMARY KEY (calendar, day)
);
CREATE TABLE rg_working_days (
  calendar TEXT NOT NULL,
  ord      INTEGER NOT NULL,
  day      TEXT NOT NULL,
  PRIMARY KEY (calendar, ord)
);

-- Days off on weekdays (working = 0) and make-up working days on weekends (working = 1),
-- as inclusive ranges.
CREATE TEMP TABLE rg_fixture_exceptions (calendar TEXT, first_day TEXT, last_day TEXT, working INTEGER);
INSERT INTO rg_fixture_exceptions VALUES
  -- CN 2024
  ('CN', '2024-01-01', '2024-01-01', 0), ('CN', '2024-02-10', '2024-02-17', 0),
  ('CN', '2024-04-04', '2024-04-06', 0), ('CN', '2024-05-01', '2024-05-05', 0),
  ('CN', '2024-06-10', '2024-06-10', 0), ('CN', '2024-09-15', '2024-09-17', 0),
  ('CN', '2024-10-01', '2024-10-07', 0),
  ('CN', '2024-02-04', '2024-02-04', 1), ('CN', '2024-02-18', '2024-02-18', 1),
  ('CN', '2024-04-07', '2024-04-07', 1), ('CN', '2024-04-28', '2024-04-28', 1),
  ('CN', '2024-05-11', '2024-05-11', 1), ('CN', '2024-09-14', '2024-09-14', 1),
  ('CN', '2024-09-29', '2024-09-29', 1), ('CN', '2024-10-12', '2024-10-12', 1),
  -- CN 2025
  ('CN', '2025-01-01', '2025-01-01', 0), ('CN', '2025-01-28', '2025-02-04', 0),
  ('CN', '2025-04-04', '2025-04-06', 0), ('CN', '2025-05-01', '2025-05-05', 0),
  ('CN', '2025-05-31', '2025-06-02', 0), ('CN', '2025-10-01', '2025-10-08', 0),
  ('CN', '2025-01-26', '2025-01-26', 1), ('CN', '2025-02-08', '2025-02-08', 1),
  ('CN', '2025-04-27', '2025-04-27', 1), ('CN', '2025-09-28', '2025-09-28', 1),
  ('CN', '2025-10-11', '2025-10-11', 1),
  -- CN 2026
  ('CN', '2026-01-01', '2026-01-03', 0), ('CN', '2026-02-15', '2026-02-23', 0),
  ('CN', '2026-04-04', '2026-04-06', 0), ('CN', '2026-05-01', '2026-05-05', 0),
  ('CN', '2026-06-19', '2026-06-21', 0), ('CN', '2026-09-25', '2026-09-27', 0),
  ('CN', '2026-10-01', '2026-10-07', 0),
  ('CN', '2026-01-04', '2026-01-04', 1), ('CN', '2026-02-14', '2026-02-14', 1),
  ('CN', '2026-02-28', '2026-02-28', 1), ('CN', '2026-05-09', '2026-05-09', 1),
  ('CN', '2026-09-20', '2026-09-20', 1), ('CN', '2026-10-10', '2026-10-10', 1),
  -- US federal holidays, observed dates (Saturday -> Friday before, Sunday -> Monday after)
  ('US', '2024-01-01', '2024-01-01', 0), ('US', '2024-01-15', '2024-01-15', 0),
  ('US', '2024-02-19', '2024-02-19', 0), ('US', '2024-05-27', '2024-05-27', 0),
  ('US', '2024-06-19', '2024-06-19', 0), ('US', '2024-07-04', '2024-07-04', 0),
  ('US', '2024-09-02', '2024-09-02', 0), ('US', '2024-10-14', '2024-10-14', 0),
  ('US', '2024-11-11', '2024-11-11', 0), ('US', '2024-11-28', '2024-11-28', 0),
  ('US', '2024-12-25', '2024-12-25', 0),
  ('US', '2025-01-01', '2025-01-01', 0), ('US', '2025-01-20', '2025-01-20', 0),
  ('US', '2025-02-17', '2025-02-17', 0), ('US', '2025-05-26', '2025-05-26', 0),
  ('US', '2025-06-19', '2025-06-19', 0), ('US', '2025-07-04', '2025-07-04', 0),
  ('US', '2025-09-01', '2025-09-01', 0), ('US', '2025-10-13', '2025-10-13', 0),
  ('US', '2025-11-11', '2025-11-11', 0), ('US', '2025-11-27', '2025-11-27', 0),
  ('US', '2025-12-25', '2025-12-25', 0),
  ('US', '2026-01-01', '2026-01-01', 0), ('US', '2026-01-19', '2026-01-19', 0),
  ('US', '2026-02-16', '2026-02-16', 0), ('US', '2026-05-25', '2026-05-25', 0),
  ('US', '2026-06-19', '2026-06-19', 0), ('US', '2026-07-03', '2026-07-03', 0),
  ('US', '2026-09-07', '2026-09-07', 0), ('US', '2026-10-12', '2026-10-12', 0),
  ('US', '2026-11-11', '2026-11-11', 0), ('US', '2026-11-26', '2026-11-26', 0),
  ('US', '2026-12-25', '2026-12-25', 0);

WITH RECURSIVE
  dates(day) AS (
    SELECT '2024-01-01'
    UNION ALL
    SELECT date(day, '+1 day') FROM dates WHERE day < '2026-12-31'
  ),
  calendars(calendar) AS (VALUES ('CN'), ('US')),
  flagged AS (
    SELECT c.calendar, d.day,
           coalesce((SELECT e.working FROM rg_fixture_exceptions e
                     WHERE e.calendar = c.calendar AND d.day BETWEEN e.first_day AND e.last_day),
                    strftime('%w', d.day) NOT IN ('0', '6')) AS working
    FROM calendars c CROSS JOIN dates d
  )
INSERT INTO rg_calendar_days (calendar, day, ord, working)
SELECT calendar, day, sum(working) OVER (PARTITION BY calendar ORDER BY day), working
FROM flagged
ORDER BY calendar, day;

INSERT INTO rg_working_days (calendar, ord, day)
SELECT calendar, ord, day FROM rg_calendar_days WHERE working = 1 ORDER BY calendar, ord;

DROP TABLE rg_fixture_exceptions;
