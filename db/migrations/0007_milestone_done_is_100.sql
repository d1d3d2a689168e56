-- A done milestone is 100 % wherever it is read (readMilestone): rows projected before that rule
-- kept whatever progress was typed before it was marked done.
UPDATE "milestones" SET "progress" = 100 WHERE "status" = 'done' AND "progress" <> 100;
