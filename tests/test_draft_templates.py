"""A program's own draft templates (templates/KIND.txt): used when present, each error one located
line with exit 2, and Jinja's sandbox keeping a template away from Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, file_tree
from test_draft_cli import draft

HINT = '(the variables are listed in the README, "Drafting messages")'
SYNTAX = "(Jinja writes {{ name }}, {% if … %}…{% endif %} and {% for … %}…{% endfor %})"


def with_template(ws: Path, kind: str, text: str | bytes) -> Path:
    folder = ws / "templates"
    folder.mkdir(exist_ok=True)
    path = folder / f"{kind}.txt"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def test_the_programs_template_replaces_partnerctls(example_ws: Path, tmp_path: Path) -> None:
    with_template(
        example_ws,
        "intro",
        "Subject: {{ partner.name }} and {{ program }}\n"
        "\n"
        "{{ greeting }}\n"
        "\n"
        "{{ value }}\n"
        "\n"
        "{{ peers_line }}\n"
        "\n"
        "{% for met in needs_met %}\n"
        "* {{ met.need }}: {{ met.skills | and_list }}\n"
        "{% endfor %}\n"
        "\n"
        "\n"
        "Best time: {{ partner.best_time }}   \n"
        "{{ signature }}\n",
    )
    code, out, err = draft(example_ws, tmp_path, "summit-welding-supply", "--kind", "intro")
    assert (code, err) == (0, "")
    assert out == (
        "To: Dale Henning <dhenning@summitweld.example.com>\n"
        "Subject: Summit Welding Supply and Riverside High School CTE\n"
        "\n"
        "Dear Dale Henning,\n"
        "\n"
        "We could help with your product demo videos for the website: our Digital Media students "
        "learn video editing.\n"
        "\n"
        "Ironworks Fabrication already partners with Riverside High School CTE.\n"
        "\n"
        "* product demo videos for the website: video editing\n"
        "\n"
        "Best time:\n"  # no best_time on file: nothing, never "None"
        "Riverside High School CTE\n"
    )


def test_crlf_and_a_bom_are_read(example_ws: Path, tmp_path: Path) -> None:
    with_template(example_ws, "intro", "\ufeffSubject: Hello\r\n\r\n{{ greeting }}\r\nBye\r\n")
    code, out, err = draft(example_ws, tmp_path, "kxrv", "--kind", "intro")
    assert (code, err) == (0, "")
    assert out.endswith("Subject: Hello\n\nDear Marcus Bell,\nBye\n")


BODY = "{{ greeting }}\n\n{{ value }}\n\nBest,\n"


@pytest.mark.parametrize(
    ("kind", "text", "error"),
    [
        ("intro", "Hello {{ greeting }}\n\nBody\n",
         "templates/intro.txt:1:1: error: the first line must be `Subject: …` (a template is a "
         "`Subject: …` line, a blank line, then the body)"),
        ("intro", "Subject: Hi\nDear you\nBody\n",
         "templates/intro.txt:2:1: error: line 2 must be blank (a template is a `Subject: …` line, "
         "a blank line, then the body)"),
        ("intro", "Subject: Hi\n\n\n",
         "templates/intro.txt:3:1: error: the template has no body (a template is a `Subject: …` "
         "line, a blank line, then the body)"),
        ("intro", "",
         "templates/intro.txt:1:1: error: the first line must be `Subject: …` (a template is a "
         "`Subject: …` line, a blank line, then the body)"),
        ("intro", "Subject:   \n\n" + BODY,
         "templates/intro.txt:1:12: error: the subject is empty (write the subject after "
         "`Subject:`)"),
        ("intro",
         "Subject: {% if value %}{{ program }}{% endif %}\n\n" + BODY.replace("value", "x"),
         "templates/intro.txt:5:4: error: 'x' is undefined " + HINT),
        ("intro", "Subject: Hi\n\n{{ greeting }}\n\n{{ partner.name }\n",
         "templates/intro.txt:5: error: unexpected '}' " + SYNTAX),
        ("intro", "Subject: Hi {{ program\n\n" + BODY,
         "templates/intro.txt:1:10: error: unexpected end of template, expected 'end of print "
         "statement'. " + SYNTAX),
        ("intro", "Subject: Hi\n\n{{ greeting }}\n\n\n\nThanks, {{ valeu }}.\n",
         "templates/intro.txt:7:12: error: 'valeu' is undefined " + HINT),
        ("intro", "Subject: Hi {{ partner.nmae }}\n\n" + BODY,
         "templates/intro.txt:1:24: error: 'dict object' has no attribute 'nmae' " + HINT),
        ("intro", "Subject: Hi\n\n{{ greeting }}\n{{ partner.__class__.__mro__ }}\n",
         "templates/intro.txt:4: error: access to attribute '__class__' of 'dict' object is "
         "unsafe. (a template reads the draft's variables and nothing else)"),
        ("intro", "Subject: Hi\n\n{% include 'secrets.txt' %}\n",
         "templates/intro.txt:3: error: no loader for this environment specified (fix the "
         "expression on this line)"),
        ("intro", "Subject: Hi\n\n{% for i in range(10**9) %}x{% endfor %}\n",
         "templates/intro.txt:3: error: Range too big. The sandbox blocks ranges larger than "
         "MAX_RANGE (100000). (fix the expression on this line)"),
        ("spotlight", "Subject: {{ spotlight.title }}\n\n{{ story }}\n",
         "templates/spotlight.txt:3: error: a spotlight template needs the social post in "
         "`{% block social %}…{% endblock %}` (see partnerctl's own in the README, \"Drafting "
         'messages")'),
        ("intro", b"Subject: Caf\xe9\n\nBody\n",
         "templates/intro.txt:1:13: error: the file is not UTF-8 text (byte 0xe9 here) (save it as "
         "UTF-8; Latin-1 and Windows-1252 files need converting)"),
    ],
)  # fmt: skip
def test_template_errors_are_one_located_line(
    example_ws: Path, tmp_path: Path, kind: str, text: str | bytes, error: str
) -> None:
    with_template(example_ws, kind, text)
    output = tmp_path / ("draft.md" if kind == "spotlight" else "draft.eml")
    log = [] if kind == "spotlight" else ["--log"]  # a spotlight refuses --log before that
    before = file_tree(example_ws)
    code, out, err = draft(example_ws, tmp_path, "ironworks-fab", "--kind", kind, "-o",
                           str(output), "--from", "j@example.org", *log)  # fmt: skip
    assert (code, out) == (2, "")
    assert err.splitlines() == [error]
    assert not output.exists()  # nothing written,
    assert file_tree(example_ws) == before  # and nothing logged


def test_a_value_missing_for_this_partner_is_located_too(example_ws: Path, tmp_path: Path) -> None:
    """`recipient` is none for a partner with no contact: using it unguarded is an error."""
    with_template(example_ws, "intro", "Subject: Hi\n\nDear {{ recipient.first_name }},\n")
    (example_ws / "partners" / "lone.yaml").write_text(
        "name: Lone Pine Co\nstage: prospect\n", encoding="utf-8"
    )
    code, out, err = draft(example_ws, tmp_path, "lone", "--kind", "intro")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        "templates/intro.txt:3:19: error: 'None' has no attribute 'first_name' " + HINT
    )
    code, out, _err = draft(example_ws, tmp_path, "kxrv", "--kind", "intro")
    assert (code, out.split("\n\n", 1)[1]) == (0, "Dear Marcus,\n")


def test_a_template_named_nearly_right_is_named_in_a_warning(
    example_ws: Path, tmp_path: Path
) -> None:
    with_template(example_ws, "Thank_You", "Subject: Thanks\n\nThanks!\n")
    code, out, err = draft(example_ws, tmp_path, "ironworks-fab", "--kind", "thank-you")
    assert code == 0
    assert "Subject: Thank you from Riverside High School CTE" in out  # partnerctl's own
    assert err == (
        "templates/Thank_You.txt: warning: not used: the thank-you template is "
        "templates/thank-you.txt (rename it to thank-you.txt)\n"
    )


def test_a_spotlight_template_with_its_social_block(example_ws: Path, tmp_path: Path) -> None:
    with_template(
        example_ws,
        "spotlight",
        "Subject: {{ spotlight.title }}\n\nPost: {% block social %}Go {{ partner.name }}!"
        "{% endblock %}\n\n{{ story }}\n",
    )
    code, out, err = draft(example_ws, tmp_path, "ironworks-fab", "--kind", "spotlight")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == (
        "Social post: 25 characters: fits X (280), Bluesky (300), Threads (500), Mastodon (500), "
        "Instagram (2,200), LinkedIn (3,000), Facebook (63,206)"
    )
    assert "Post: Go Ironworks Fabrication!\n" in out
    with_template(
        example_ws,
        "spotlight",
        "Subject: Hi\n\n{% block social %}{{ story * 3 }}{% endblock %}\n",
    )
    code, out, err = draft(example_ws, tmp_path, "ironworks-fab", "--kind", "spotlight")
    assert code == 0
    assert err.startswith("warning: the social post is ")
    assert ": too long for X (280), Bluesky (300)" in err


def readme_template() -> tuple[str, list[str]]:
    """The sample template of the README and the error lines shown under it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Drafting messages: `draft`", 1)[1]
    sample = section.split("```\nSubject: ", 1)[1].split("```", 1)[0]
    errors = section.split("```\ntemplates/intro.txt:", 1)[1].split("```", 1)[0]
    return "Subject: " + sample, ("templates/intro.txt:" + errors).splitlines()


def test_the_readme_template_works_and_its_errors_are_real(
    example_ws: Path, tmp_path: Path
) -> None:
    sample, errors = readme_template()
    with_template(example_ws, "intro", sample)
    code, out, err = draft(example_ws, tmp_path, "kxrv", "--kind", "intro")
    assert (code, err) == (0, "")
    assert out.startswith("To: Marcus Bell <mbell@kxrv.example.com>\nSubject: KXRV News 7 and ")
    broken = [
        sample.split("\n", 1)[1],  # the Subject: line cut
        sample.replace("{{ value }}", "{{ valeu }}"),
        sample.replace("{{ peers_line }}", "{{ peers_line }"),
    ]
    shown = []
    for text in broken:
        with_template(example_ws, "intro", text)
        code, _out, err = draft(example_ws, tmp_path, "kxrv", "--kind", "intro")
        assert code == 2
        shown += err.splitlines()
    assert shown == errors
