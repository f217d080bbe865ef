from documents.markup import render_markdown


def test_script_is_removed_with_its_content():
    html = render_markdown("Hello <script>alert('x')</script> world")
    assert "<script" not in html and "alert" not in html
    assert "Hello" in html


def test_event_handlers_are_removed():
    html = render_markdown('<img src="/media/a.png" onerror="alert(1)"> <p onclick="x()">t</p>')
    assert "onerror" not in html and "onclick" not in html
    assert 'src="/media/a.png"' in html


def test_javascript_links_lose_their_target():
    html = render_markdown("[click](javascript:alert(1)) <a href='JaVaScRiPt:alert(2)'>b</a>")
    assert "javascript" not in html.lower()
    assert "click" in html


def test_remote_images_are_dropped_local_ones_kept():
    html = render_markdown(
        "![a](https://evil.example/t.png) ![b](//evil.example/t.png) "
        "![c](/media/x.png) ![d](img/y.png)"
    )
    assert "evil.example" not in html
    assert 'src="/media/x.png"' in html and 'src="img/y.png"' in html


def test_markdown_tables_and_lists_render():
    html = render_markdown("- một\n- hai\n\n| A | B |\n|---|---|\n| 1 | 2 |")
    assert "<li>một</li>" in html and "<table>" in html and "<td>1</td>" in html
