-- The assessment of zhibiao (core::assess, frame::assess) as one SQL query, for engines beyond one
-- machine (DuckDB, Spark SQL, Trino, BigQuery …). Inputs, as in bench/reference/SPEC.md §1:
--   facts(indicator, region, year, kind, bound, value, value_hi, unit)   -- value_hi may be NULL
--   indicators(id, domain, unit, direction)
--   units(unit, base_unit, factor)
-- Output: one row per target, ordered by (indicator, region, year). The rules are SPEC §4 extended
-- to estimates (the result when no actual is stated), ranges and direction 'none'; with neither,
-- they are exactly SPEC §4. `cargo xtask sql-check` runs it in DuckDB and requires the same
-- statuses, gaps and tolerances as the polars engine.
WITH f AS (
  SELECT f.indicator, f.region, f.year, f.kind, f.bound,
         f.value * u.factor AS value_base,
         f.value_hi * u.factor AS value_hi_base,
         u.base_unit
  FROM facts f JOIN units u ON f.unit = u.unit
),
t AS (SELECT * FROM f WHERE kind = 'target'),
r AS (
  SELECT indicator, region, year, value_base AS actual_base, kind AS basis,
         row_number() OVER (PARTITION BY indicator, region, year
                            ORDER BY CASE kind WHEN 'actual' THEN 0 ELSE 1 END) AS rn
  FROM f WHERE kind IN ('actual', 'estimate')
),
p AS (
  SELECT t.indicator, i.domain, t.region, t.year, t.bound, t.base_unit,
         t.value_base AS target_base, coalesce(t.value_hi_base, t.value_base) AS hi,
         r.actual_base, r.basis,
         CASE WHEN t.bound IN ('ge', 'gt') THEN 1.0
              WHEN t.bound IN ('le', 'lt') THEN -1.0
              WHEN i.direction = 'up' THEN 1.0
              WHEN i.direction = 'down' THEN -1.0
              ELSE 0.0 END AS sense
  FROM t JOIN indicators i ON t.indicator = i.id
  LEFT JOIN r ON r.indicator = t.indicator AND r.region = t.region AND r.year = t.year AND r.rn = 1
),
g AS (
  SELECT *,
         CASE WHEN sense > 0 THEN target_base
              WHEN sense < 0 AND bound = 'range' THEN hi
              WHEN sense < 0 THEN target_base
              WHEN bound = 'range' AND actual_base < target_base THEN target_base
              WHEN bound = 'range' AND actual_base > hi THEN hi
              WHEN bound = 'range' AND actual_base - target_base <= hi - actual_base THEN target_base
              WHEN bound = 'range' THEN hi
              ELSE target_base END AS reference
  FROM p
),
h AS (
  SELECT *,
         CASE WHEN sense <> 0 THEN (actual_base - reference) * sense
              WHEN bound = 'range' AND actual_base < target_base THEN actual_base - target_base
              WHEN bound = 'range' AND actual_base > hi THEN hi - actual_base
              WHEN bound = 'range' THEN 0.0
              ELSE -abs(actual_base - target_base) END AS gap,
         CASE WHEN base_unit = '%' THEN 0.5 ELSE 0.05 * abs(reference) END AS tol,
         (sense = 0 AND bound <> 'range') AS two_sided
  FROM g
)
SELECT indicator, domain, region, year, bound, basis, actual_base,
       CASE WHEN actual_base IS NULL THEN NULL ELSE gap END AS gap,
       CASE WHEN actual_base IS NOT NULL AND reference <> 0 THEN gap / abs(reference) END AS rel_gap,
       CASE WHEN actual_base IS NULL THEN NULL ELSE tol END AS tol,
       CASE WHEN actual_base IS NULL THEN 'pending'
            WHEN (bound IN ('gt', 'lt') AND gap > 0)
              OR (bound IN ('ge', 'le', 'eq', 'range') AND gap >= 0)
              OR (bound = 'approx' AND gap >= -tol)
              OR (two_sided AND gap >= -tol) THEN 'met'
            WHEN gap >= -tol AND NOT two_sided THEN 'near'
            ELSE 'missed' END AS status
FROM h
ORDER BY indicator, region, year;
