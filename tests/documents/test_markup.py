from documents.markup import render_markdown, render_markdown_noting


def test_script_is_removed_with_its_content():
    html = render_markdown("Hello <script>alert('x')</script> world")
    assert "<script" not in html and "alert" not in html
    assert "Hello" in html


def test_event_handlers_are_removed():
    html = render_markdown(
        '<img src="attachment:1" onerror="alert(1)"> <p onclick="x()">t</p>',
        {1: "/documents/QT.01/1/images/1/"},
    )
    assert "onerror" not in html and "onclick" not in html
    assert 'src="/documents/QT.01/1/images/1/"' in html


def test_javascript_links_lose_their_target():
    html = render_markdown("[click](javascript:alert(1)) <a href='JaVaScRiPt:alert(2)'>b</a>")
    assert "javascript" not in html.lower()
    assert "click" in html


def test_only_the_editions_attached_images_are_kept():
    sources = [
        "https://evil.example/t.png",
        "//evil.example/t.png",
        "/\\evil.example/t.png",
        "\\\\evil.example\\t.png",
        "/media/x.png",
        "img/y.png",
        "../media/objectives/evidence/1/a.png",
        "file:///usr/share/pixmaps/debian-logo.png",
        "/usr/share/pixmaps/debian-logo.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "attachment:7",  # not an image of this edition
    ]
    text = " ".join(f"![{i}]({s})" for i, s in enumerate(sources))
    text += '\n\n<img src="http://evil.example/u.png"> ![ok](attachment:1) ![OK2](ATTACHMENT:2)'
    html, dropped = render_markdown_noting(text, {1: "/i/1/", 2: "/i/2/"})
    assert html.count("<img") == 2
    assert 'src="/i/1/"' in html and 'src="/i/2/"' in html
    assert "evil" not in html and "media" not in html and "usr" not in html
    assert "data:" not in html and "attachment" not in html
    assert len(dropped) == len(sources) + 1


def test_attachment_is_for_images_only():
    html = render_markdown("[x](attachment:1)", {1: "/i/1/"})
    assert "href" not in html and "x" in html


def test_markdown_tables_and_lists_render():
    html = render_markdown("- một\n- hai\n\n| A | B |\n|---|---|\n| 1 | 2 |")
    assert "<li>một</li>" in html and "<table>" in html and "<td>1</td>" in html
