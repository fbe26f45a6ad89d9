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
       m.concept, m.kind, d.kommunenummer, m.doc_id, m.mention_id, m.char_start, m.char_end
FROM mentions m
JOIN documents d USING (doc_id)
JOIN pages p ON p.doc_id = m.doc_id AND p.page = m.page
LEFT JOIN municipalities mu ON mu.kommunenummer = d.kommunenummer
ORDER BY d.kommunenummer, d.title, m.page, m.char_start;
"""
