"""Reading order from boxes: lines, the gutter of two columns, and the order they are read in."""

from pipeline.layout import find_column_gap, group_lines, order_lines


def box(x0, x1, top, text):
    return {"x0": x0, "x1": x1, "top": top, "bottom": top + 10, "text": text}


def two_columns(rows=12):
    words = [box(60, 280, 100 + 14 * i, f"left {i}") for i in range(rows)]
    words += [box(310, 530, 100 + 14 * i, f"right {i}") for i in range(rows)]
    return words


def test_a_gutter_is_found_between_two_columns():
    gap = find_column_gap(group_lines(two_columns()), 595)
    assert gap is not None and 280 < gap < 310


def test_prose_across_the_page_has_no_gutter():
    lines = group_lines([box(60, 530, 100 + 14 * i, f"line {i}") for i in range(12)])
    assert find_column_gap(lines, 595) is None


def test_a_few_full_width_lines_do_not_hide_the_gutter():
    words = two_columns() + [box(60, 530, 80, "A heading across both columns")]
    gap = find_column_gap(group_lines(words), 595)
    assert gap is not None and 280 < gap < 310


def test_two_columns_are_read_left_column_first():
    lines = group_lines(two_columns(3))
    text = order_lines(lines, find_column_gap(lines, 595) or 295.0)
    assert [t for t in text if t] == ["left 0", "left 1", "left 2", "right 0", "right 1", "right 2"]
