"""The results database's tables and views (DDL only)."""

from __future__ import annotations

TABLES = """
CREATE TABLE IF NOT EXISTS municipalities (
    kommunenummer VARCHAR PRIMARY KEY,
    kommune VARCHAR,
    fylke VARCHAR
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    kommunenummer VARCHAR,
    title VARCHAR,
    plan_type VARCHAR,
    status VARCHAR,
    period_start INTEGER,
    period_end INTEGER,
    source_url VARCHAR,
    sha256 VARCHAR,
    language VARCHAR,
    page_count INTEGER,
    fetched_at TIMESTAMP,
    processed_at TIMESTAMP,
    file_name VARCHAR,
    kind VARCHAR,
    word_count INTEGER,
    lexicon_version VARCHAR,
    model_version VARCHAR,
    warnings VARCHAR
);
CREATE TABLE IF NOT EXISTS pages (
    doc_id VARCHAR,
    page INTEGER,
    text VARCHAR,
    PRIMARY KEY (doc_id, page)
);
CREATE TABLE IF NOT EXISTS mentions (
    mention_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR,
    page INTEGER,
    char_start INTEGER,
    char_end INTEGER,
    term VARCHAR,
    concept VARCHAR,
    kind VARCHAR,
    sentence VARCHAR,
    context VARCHAR
);
CREATE TABLE IF NOT EXISTS mention_frames (
    mention_id VARCHAR,
    frame VARCHAR,
    score DOUBLE,
    model_version VARCHAR,
    evidence VARCHAR,
    PRIMARY KEY (mention_id, frame)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    lexicon_version VARCHAR,
    model_version VARCHAR,
    status VARCHAR,
    command VARCHAR,
    documents_seen INTEGER,
    documents_processed INTEGER,
    documents_skipped INTEGER,
    documents_failed INTEGER
);
CREATE TABLE IF NOT EXISTS fetches (
    run_id VARCHAR,
    kommunenummer VARCHAR,
    url VARCHAR,
    final_url VARCHAR,
    status INTEGER,
    bytes BIGINT,
    etag VARCHAR,
    last_modified VARCHAR,
    sha256 VARCHAR,
    content_type VARCHAR,
    fetched_at TIMESTAMP,
    error VARCHAR,
    message VARCHAR
);
CREATE TABLE IF NOT EXISTS crawl_state (
    url VARCHAR PRIMARY KEY,
    kommunenummer VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    sha256 VARCHAR,
    path VARCHAR,
    updated_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS failures (
    run_id VARCHAR,
    source VARCHAR,
    reason VARCHAR,
    message VARCHAR,
    failed_at TIMESTAMP
);
-- migrations of databases written by earlier versions (a no-op on new ones)
-- schema 2: pages read by OCR, and how sure the reading is (1.0 for a text layer)
ALTER TABLE pages ADD COLUMN IF NOT EXISTS ocr BOOLEAN DEFAULT false;
ALTER TABLE pages ADD COLUMN IF NOT EXISTS confidence DOUBLE DEFAULT 1.0;
-- schema 3: the section heading in force where a mention stands
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS section VARCHAR;
"""

VIEWS = """
CREATE OR REPLACE VIEW current_samfunnsdel AS
SELECT * EXCLUDE (rank) FROM (
    SELECT d.*, row_number() OVER (
        PARTITION BY d.kommunenummer
        ORDER BY (d.status = 'vedtatt') DESC, coalesce(d.period_start, d.period_end, 0) DESC,
                 d.fetched_at DESC NULLS LAST, d.doc_id) AS rank
    FROM documents d WHERE d.plan_type = 'samfunnsdel'
) WHERE rank = 1;

CREATE OR REPLACE VIEW municipality_summary AS
WITH docs AS (
    SELECT kommunenummer, count(*) AS documents FROM documents GROUP BY kommunenummer
), core AS (
    SELECT d.kommunenummer, count(*) AS core_mentions
    FROM mentions m JOIN documents d USING (doc_id) WHERE m.kind = 'core' GROUP BY d.kommunenummer
), current_core AS (
    SELECT c.kommunenummer, count(m.mention_id) AS n
    FROM current_samfunnsdel c LEFT JOIN mentions m ON m.doc_id = c.doc_id AND m.kind = 'core'
    GROUP BY c.kommunenummer
), frames AS (
    SELECT d.kommunenummer, f.frame, count(*) AS n
    FROM mention_frames f JOIN mentions m USING (mention_id) JOIN documents d USING (doc_id)
    GROUP BY d.kommunenummer, f.frame
), top AS (
    SELECT kommunenummer, first(frame ORDER BY n DESC, frame) AS top_frame FROM frames GROUP BY kommunenummer
)
SELECT mu.kommunenummer, mu.kommune,
       coalesce(docs.documents, 0) AS documents,
       coalesce(core.core_mentions, 0) AS core_mentions,
       -- NULL: no samfunnsdel of this municipality is stored, so the question cannot be answered
       CASE WHEN current_core.kommunenummer IS NULL THEN NULL ELSE current_core.n > 0 END AS mentions_cocreation,
       top.top_frame
FROM municipalities mu
LEFT JOIN docs USING (kommunenummer)
LEFT JOIN core USING (kommunenummer)
LEFT JOIN current_core USING (kommunenummer)
LEFT JOIN top USING (kommunenummer)
ORDER BY mu.kommunenummer;

CREATE OR REPLACE VIEW kwic AS
SELECT mu.kommune, d.title, m.page, m.term,
       trim(regexp_replace(substr(p.text, greatest(1, m.char_start - 79), least(80, m.char_start)), '\\s+', ' ', 'g')) AS left_context,
       substr(p.text, m.char_start + 1, m.char_end - m.char_start) AS keyword,
       trim(regexp_replace(substr(p.text, m.char_end + 1, 80), '\\s+', ' ', 'g')) AS right_context,
       m.concept, m.kind, d.kommunenummer, m.doc_id, m.mention_id, m.char_start, m.char_end,
       p.ocr, p.confidence, m.section
FROM mentions m
JOIN documents d USING (doc_id)
JOIN pages p ON p.doc_id = m.doc_id AND p.page = m.page
LEFT JOIN municipalities mu ON mu.kommunenummer = d.kommunenummer
ORDER BY d.kommunenummer, d.title, m.page, m.char_start;

CREATE OR REPLACE VIEW municipality_stats AS
WITH words AS (
    SELECT kommunenummer, count(*) AS documents, sum(word_count) AS words FROM documents GROUP BY kommunenummer
), core AS (
    SELECT d.kommunenummer, count(*) AS core_mentions, count(DISTINCT lower(m.term)) AS term_variety
    FROM mentions m JOIN documents d USING (doc_id) WHERE m.kind = 'core' GROUP BY d.kommunenummer
), framed AS (
    SELECT d.kommunenummer, f.frame FROM mention_frames f JOIN mentions m USING (mention_id) JOIN documents d USING (doc_id)
)
SELECT mu.kommunenummer, mu.kommune, mu.fylke,
       coalesce(w.documents, 0) AS documents, coalesce(w.words, 0) AS words,
       coalesce(c.core_mentions, 0) AS core_mentions,
       round(10000.0 * coalesce(c.core_mentions, 0) / nullif(w.words, 0), 2) AS mentions_per_10k_words,
       coalesce(c.term_variety, 0) AS term_variety,
       s.mentions_cocreation,
       (SELECT round(avg((frame = 'service')::INT), 3) FROM framed x WHERE x.kommunenummer = mu.kommunenummer) AS share_service,
       (SELECT round(avg((frame = 'democracy')::INT), 3) FROM framed x WHERE x.kommunenummer = mu.kommunenummer) AS share_democracy,
       (SELECT round(avg((frame = 'innovation')::INT), 3) FROM framed x WHERE x.kommunenummer = mu.kommunenummer) AS share_innovation,
       (SELECT round(avg((frame = 'civil_society')::INT), 3) FROM framed x WHERE x.kommunenummer = mu.kommunenummer) AS share_civil_society,
       (SELECT round(avg((frame = 'necessity')::INT), 3) FROM framed x WHERE x.kommunenummer = mu.kommunenummer) AS share_necessity,
       (SELECT round(avg((frame = 'municipal_role')::INT), 3) FROM framed x WHERE x.kommunenummer = mu.kommunenummer) AS share_municipal_role,
       (SELECT round(avg((frame = 'partnership')::INT), 3) FROM framed x WHERE x.kommunenummer = mu.kommunenummer) AS share_partnership,
       (SELECT round(avg((frame = 'place')::INT), 3) FROM framed x WHERE x.kommunenummer = mu.kommunenummer) AS share_place,
       (SELECT round(avg((frame = 'rhetorical')::INT), 3) FROM framed x WHERE x.kommunenummer = mu.kommunenummer) AS share_rhetorical
FROM municipalities mu
LEFT JOIN words w USING (kommunenummer)
LEFT JOIN core c USING (kommunenummer)
LEFT JOIN municipality_summary s USING (kommunenummer)
ORDER BY mu.kommunenummer;

CREATE OR REPLACE VIEW county_stats AS
SELECT coalesce(fylke, '(ukjent)') AS fylke,
       count(*) AS municipalities,
       count(mentions_cocreation) AS with_samfunnsdel,
       count(*) FILTER (WHERE mentions_cocreation) AS mentioning_cocreation,
       sum(documents) AS documents,
       sum(core_mentions) AS core_mentions,
       round(10000.0 * sum(core_mentions) / nullif(sum(words), 0), 2) AS mentions_per_10k_words
FROM municipality_stats GROUP BY ALL ORDER BY fylke;

CREATE OR REPLACE VIEW mentions_by_frame AS
SELECT f.frame, mu.kommune, d.kommunenummer, d.title, d.plan_type, m.page, m.section, m.term, m.sentence, m.context,
       round(f.score, 3) AS score, f.evidence, d.source_url, m.mention_id, d.doc_id
FROM mention_frames f
JOIN mentions m USING (mention_id)
JOIN documents d USING (doc_id)
LEFT JOIN municipalities mu ON mu.kommunenummer = d.kommunenummer
ORDER BY f.frame, f.score DESC;

CREATE OR REPLACE VIEW term_frequencies AS
SELECT lower(m.term) AS term, m.concept, m.kind, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents,
       count(DISTINCT d.kommunenummer) AS municipalities
FROM mentions m JOIN documents d USING (doc_id)
GROUP BY ALL ORDER BY mentions DESC, term;

-- The current samfunnsdel of each municipality next to the one before it (the latest with an
-- earlier period), and which concepts appeared, disappeared or stayed between them.
CREATE OR REPLACE VIEW plan_generations AS
WITH cur AS (SELECT kommunenummer, doc_id, title, coalesce(period_start, period_end) AS p FROM current_samfunnsdel),
prev AS (
    SELECT * EXCLUDE (rank) FROM (
        SELECT d.kommunenummer, d.doc_id, d.title, row_number() OVER (
            PARTITION BY d.kommunenummer ORDER BY coalesce(d.period_start, d.period_end) DESC, d.doc_id) AS rank
        FROM documents d JOIN cur c ON c.kommunenummer = d.kommunenummer
        WHERE d.plan_type = 'samfunnsdel' AND d.doc_id <> c.doc_id AND coalesce(d.period_start, d.period_end) < c.p
    ) WHERE rank = 1
),
counts AS (
    SELECT doc_id, concept, count(*) AS n FROM mentions GROUP BY ALL
),
pairs AS (
    SELECT c.kommunenummer, c.doc_id AS current_doc_id, c.title AS current_title,
           p.doc_id AS previous_doc_id, p.title AS previous_title
    FROM cur c JOIN prev p USING (kommunenummer)
),
concepts AS (
    SELECT x.*, k.concept FROM pairs x JOIN counts k ON k.doc_id IN (x.current_doc_id, x.previous_doc_id)
)
SELECT DISTINCT mu.kommune, c.kommunenummer, c.current_title, c.previous_title, c.concept,
       coalesce(now.n, 0) AS current_mentions, coalesce(before.n, 0) AS previous_mentions,
       CASE WHEN before.n IS NULL THEN 'appeared' WHEN now.n IS NULL THEN 'disappeared' ELSE 'kept' END AS change,
       c.current_doc_id, c.previous_doc_id
FROM concepts c
LEFT JOIN counts now ON now.doc_id = c.current_doc_id AND now.concept = c.concept
LEFT JOIN counts before ON before.doc_id = c.previous_doc_id AND before.concept = c.concept
LEFT JOIN municipalities mu ON mu.kommunenummer = c.kommunenummer
ORDER BY c.kommunenummer, change, c.concept;
"""
