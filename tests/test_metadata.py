"""Plan type, status and period from title, file name and first pages."""

import pytest

from pipeline.metadata import plan_meta


@pytest.mark.parametrize("title, file_name, first, expected", [
    ("Kommuneplanens samfunnsdel 2024–2036", "x.pdf", "Vedtatt av kommunestyret 14. mars 2024",
     ("samfunnsdel", "vedtatt", 2024, 2036)),
    ("Planprogram for kommuneplanens samfunnsdel – forslag", "p.pdf", "", ("planprogram", "forslag", None, None)),
    ("Kommunal planstrategi 2024-2027", "ps.pdf", "Høringsutkast", ("planstrategi", "horing", 2024, 2027)),
    (None, "3312_lier_samfunnsdel_2040_horing.pdf", "", ("samfunnsdel", "horing", None, 2040)),
    ("Kommuneplanen sin samfunnsdel 2023–2035", "n.pdf", "Vedteke i kommunestyret", ("samfunnsdel", "vedtatt", 2023, 2035)),
    ("Temaplan for helse og omsorg 2024-28", "t.pdf", "", ("temaplan", "unknown", 2024, 2028)),
    ("Kommuneplanens arealdel", "a.pdf", "", ("arealdel", "unknown", None, None)),
    ("Årsmelding", "aarsmelding.pdf", "Tall og fakta", ("other", "unknown", None, None)),
])
def test_plan_meta(title, file_name, first, expected):
    m = plan_meta(title, file_name, first)
    assert (m.plan_type, m.status, m.period_start, m.period_end) == expected
