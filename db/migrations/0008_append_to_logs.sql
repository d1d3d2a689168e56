-- The commit path's one statement (appendToLogs in src/lib/server/roadmaps/log.ts) as a function.
-- Sent as SQL, its text changed with the number of rows, so every commit was parsed and planned
-- anew: on PGlite (WASM, one thread) that was most of a commit's cost (1.0-1.5 ms against
-- 0.4-0.6 ms through this function, whose statement PL/pgSQL plans once per connection).
-- Each roadmap is locked FOR NO KEY UPDATE in id order before its rows are inserted, so a
-- roadmap's sequence numbers are drawn in commit order; rows keep their order (n) and writer.
CREATE FUNCTION append_to_logs(p_roadmaps uuid[], p_n int[], p_data bytea[], p_users uuid[])
RETURNS TABLE (appended_id uuid, previous_seq bigint, new_seq bigint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
	RETURN QUERY
	WITH input (roadmap_id, n, data, user_id) AS (
		SELECT * FROM unnest(p_roadmaps, p_n, p_data, p_users)
	), locked AS (
		SELECT r.id, r.last_seq FROM roadmaps r
		WHERE r.id IN (SELECT i.roadmap_id FROM input i)
		ORDER BY r.id
		FOR NO KEY UPDATE
	), appended AS (
		INSERT INTO roadmap_updates (roadmap_id, data, user_id)
		SELECT locked.id, input.data, input.user_id
		FROM locked JOIN input ON input.roadmap_id = locked.id
		ORDER BY input.n
		RETURNING roadmap_updates.roadmap_id, roadmap_updates.seq
	), advanced AS (
		UPDATE roadmaps SET last_seq = last.seq, updated_at = now()
		FROM (SELECT a.roadmap_id, max(a.seq) AS seq FROM appended a GROUP BY a.roadmap_id) last
		WHERE roadmaps.id = last.roadmap_id
		RETURNING roadmaps.id, roadmaps.last_seq
	)
	SELECT locked.id, locked.last_seq, advanced.last_seq
	FROM locked LEFT JOIN advanced ON advanced.id = locked.id;
END
$$;
