-- A PAK (budget revision) may change a program's quota as well as its budget (issue 16: the
-- planned figure beside the actual one; Probolinggo's 18,000 workers rising to 24,250 at the
-- revision). Each budget line records the quota in force from that line on; NULL on a line means
-- the line did not change it (and on lines written before this migration). The quota in force is
-- the newest line's non-NULL quota, else programs.quota (the quota the program was created with).
ALTER TABLE program_budget_lines ADD COLUMN quota BIGINT CHECK (quota IS NULL OR quota >= 0);
