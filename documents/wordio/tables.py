"""The tables of a Word procedure, told apart by their words: the header block (Mã
hiệu / Lần ban hành / Ngày ban hành), the sign-off table, the change table, the steps
table (by the titles of its header row) and the records table. Vertically merged cells
are carried down; a row that spans the steps table is a phase heading. A table of none
of these kinds stays a table where it stands, and the letterhead goes to Other content.

:class:`TableReading` is the part of the reader (``reader._Reader``) that reads them; it
writes into the reader's ``ReadFile`` (``self.out``) and its parts (``self._add``,
``self._target``).
"""

import re

from django.utils.translation import gettext as _

from documents.register.search import fold
from documents.wordio.vocabulary import (
    CHANGE_WORDS,
    RECORD_WORDS,
    STEP_WORDS,
    inline_labels,
    label_of,
    parse_date,
    role_of,
)
from documents.wordio.wordxml import (
    Block,
    distinct_cells,
    inline_markdown,
    match_columns,
    nfc,
    plain_of,
    runs_of,
    table_grid,
)


class TableReading:
    def _table(self, tbl):
        self._images_of(tbl)
        grid = table_grid(tbl)
        if not grid or not any(c.text for row in grid for c in row):
            return
        text = fold(" ".join(c.text for row in grid for c in distinct_cells(row)))
        header = grid[0]
        if ("ma hieu" in text or "ma so" in text) and (
            "lan ban hanh" in text or "ngay ban hanh" in text
        ):
            self._header_block(grid)
            return
        step_columns = match_columns(header, STEP_WORDS)
        step_roles = set(step_columns.values())
        is_steps = "responsible" in step_roles and bool(step_roles & {"action", "name"})
        if self.procedure and not is_steps and "phe duyet" in text and self._signoff(grid):
            return
        if self.procedure and (
            self.expect_changes
            or "lan sua doi" in text[:200]
            or "noi dung thay doi" in text[:200]
            or "noi dung sua doi" in text[:200]
        ):
            self.expect_changes = False
            if self._changes(grid):
                return
        if self.procedure:
            record_columns = match_columns(header, RECORD_WORDS)
            roles = set(record_columns.values())
            if "name" in roles and (
                roles & {"retention", "place", "keeper", "medium"} or self.part == "records"
            ):
                if "retention" in roles or "place" in roles or self.part == "records":
                    self._records(grid, record_columns)
                    return
            if is_steps:
                self._steps(grid, step_columns)
                return
        if "cong hoa xa hoi chu nghia" in text or "doc lap - tu do" in text:
            self.out.warnings.append(
                _("The letterhead table (national motto) was put in “Other content”.")
            )
            saved, self.part = self.part, "other"
            if not self.other_heading_pending and not self.other:
                pass
            for row in grid:
                for cell in distinct_cells(row):
                    for line, plain in zip(cell.lines, cell.text.split("\n"), strict=False):
                        self._add(line, plain)
            self.part = saved
            return
        self._plain_table(grid)

    def _plain_table(self, grid):
        """An unrecognised table: a Markdown table where it stands, cells' paragraphs kept apart."""
        width = max(len(r) for r in grid)
        lines = []
        for index, row in enumerate(grid):
            cells = []
            for c in range(width):
                if c < len(row) and (c == 0 or row[c].tc is not row[c - 1].tc):
                    cells.append("<br>".join(row[c].lines) if not row[c].continued else "")
                    if not row[c].continued:
                        self.out.fragments.extend(t for t in row[c].text.split("\n") if t)
                else:
                    cells.append("")
            lines.append("| " + " | ".join(cells) + " |")
            if index == 0:
                lines.append("| " + " | ".join("---" for _ in range(width)) + " |")
        self._target().append(Block("\n".join(lines)))

    def _header_paragraph(self, p):
        _markdown, plain = inline_markdown(runs_of(p))
        if plain:
            self._header_fields(plain)

    def _header_fields(self, text: str):
        folded = fold(text)
        match = re.search(r"ma\s*(?:hieu|so)\s*[:：]?\s*(\S+)", folded)
        if match and not self.out.code:
            start, end = match.span(1)
            self.out.code = (
                nfc(text)[start:end].strip(" .;,").upper()
                if len(text) == len(folded)
                else match.group(1).upper()
            )
        match = re.search(r"lan\s*ban\s*hanh\s*[:：]?\s*(\d+)", folded)
        if match and self.out.edition is None:
            self.out.edition = int(match.group(1))
        match = re.search(r"ngay\s*ban\s*hanh\s*[:：]?\s*([\d/.\- ]+)", folded)
        if match and self.out.effective_date is None:
            self.out.effective_date = parse_date(match.group(1))

    def _header_block(self, grid):
        titles = []
        for row in grid:
            for cell in distinct_cells(row):
                if cell.continued:
                    continue
                for line in cell.text.split("\n"):
                    folded = fold(line)
                    if any(
                        w in folded for w in ("ma hieu", "ma so", "lan ban hanh", "ngay ban hanh")
                    ):
                        self._header_fields(line)
                    elif re.match(r"^trang\b", folded):
                        pass
                    elif folded.startswith(("quy trinh", "huong dan", "quy dinh", "quy che")):
                        titles.append(line)
                self.placed_fragments.extend(t for t in cell.text.split("\n") if t)
        if titles and not self.out.title:
            self.out.title = max(titles, key=len)

    def _signoff(self, grid) -> bool:
        found: dict[str, dict] = {}
        header = grid[0]
        column_roles = {i: role_of(c.text) for i, c in enumerate(header) if role_of(c.text)}
        first_column_labels = {label_of(row[0].text) for row in grid if row}
        header_labels = {label_of(c.text) for c in header}
        if len(column_roles) >= 2 and "name" in first_column_labels | inline_labels(grid):
            for row in grid[1:]:
                label = label_of(row[0].text) if row else ""
                for index, role in column_roles.items():
                    if index >= len(row) or row[index].tc is row[0].tc:
                        continue
                    entry = found.setdefault(role, {})
                    self._signoff_cell(entry, label, row[index].text)
        else:
            row_roles = [(r, role_of(row[0].text)) for r, row in enumerate(grid) if row]
            row_roles = [(r, role) for r, role in row_roles if role]
            if len(row_roles) < 2 or "name" not in header_labels | inline_labels(grid):
                return False
            labels = {i: label_of(c.text) for i, c in enumerate(header)}
            for r, role in row_roles:
                entry = found.setdefault(role, {})
                for index, cell in enumerate(grid[r][1:], start=1):
                    self._signoff_cell(entry, labels.get(index, ""), cell.text)
        for role, entry in found.items():
            entry = {k: v for k, v in entry.items() if v}
            if entry:
                self.out.signoffs[role] = entry
        for row in grid:
            for cell in distinct_cells(row):
                self.placed_fragments.extend(t for t in cell.text.split("\n") if t)
        return True

    def _signoff_cell(self, entry: dict, label: str, text: str):
        for line in text.split("\n"):
            line = line.strip()
            if not line:
                continue
            own_label = ""
            if ":" in line:
                head, value = line.split(":", 1)
                own_label = label_of(head)
                if own_label:
                    line = value.strip()
            key = own_label or label or "name"
            if key == "signature" or not line:
                continue
            if key == "date":
                day = parse_date(line)
                entry["date"] = day.strftime("%d/%m/%Y") if day else line
            elif not entry.get(key):
                entry[key] = line

    def _changes(self, grid) -> bool:
        columns = match_columns(grid[0], CHANGE_WORDS)
        if "change" not in columns.values():
            return False
        for row in grid[1:]:
            values = {}
            for index, role in columns.items():
                if index < len(row) and role != "number":
                    values[role] = row[index].text.replace("\n", " ").strip()
            if not any(values.values()):
                continue
            self.out.changes.append(values)
        for row in grid:
            for cell in distinct_cells(row):
                self.placed_fragments.extend(t for t in cell.text.split("\n") if t)
        return True

    def _steps(self, grid, columns: dict[int, str]):
        width = max(len(r) for r in grid)
        by_role = {role: index for index, role in columns.items()}
        phase = ""
        carried = {"responsible", "time_limit", "record"}
        for row in grid[1:]:
            cells = distinct_cells(row)
            own = [c for c in cells if c.text and not c.continued]
            if not own:
                continue
            if len(cells) == 1 or (
                len(own) == 1
                and fold(own[0].text).startswith(("giai doan", "phan ", "buoc chuan bi"))
                and row[0] is own[0]
                and len(row) == width
            ):
                phase = (phase + " " if phase else "") + own[0].text.replace("\n", " ")
                self.out.fragments.append(own[0].text.replace("\n", " "))
                continue

            def value(role, row=row):
                index = by_role.get(role)
                if index is None or index >= len(row):
                    return None
                return row[index]

            key_cell = value("name") or value("number")
            action_cell = value("action")
            if (
                self.out.steps
                and key_cell is not None
                and key_cell.continued
                and action_cell is not None
                and not action_cell.continued
                and action_cell.text
            ):
                # The step's cell spans this row too: its text continues the step.
                step = self.out.steps[-1]
                step["action"] = "\n\n".join(x for x in (step["action"], *action_cell.lines) if x)
                self.out.fragments.extend(action_cell.text.split("\n"))
                continue
            step = {
                "phase": phase,
                "name": "",
                "responsible": "",
                "action": "",
                "time_limit": "",
                "record": "",
            }
            phase = ""
            extra = []
            for index, role in columns.items():
                if index >= len(row):
                    continue
                cell = row[index]
                if cell.continued and role not in carried:
                    continue
                if role == "action":
                    step["action"] = "\n\n".join(cell.lines)
                elif role == "number":
                    number = cell.text.strip()
                    if not re.fullmatch(r"(buoc\s*)?\d+[.:]?", fold(number)):
                        extra.append(number)
                    else:
                        continue  # "Bước 3": the table numbers its steps itself
                else:
                    step[role] = cell.text.replace("\n", "; ") if role != "name" else cell.text
                if not cell.continued:
                    self.out.fragments.extend(t for t in cell.text.split("\n") if t)
                elif role in carried:
                    pass
            # Columns of no known role: their text joins the action, not lost.
            for index, cell in enumerate(row):
                if index in columns or (index and row[index - 1].tc is cell.tc) or cell.continued:
                    continue
                if cell.text and cell.tc not in {row[i].tc for i in columns if i < len(row)}:
                    step["action"] = "\n\n".join(x for x in (step["action"], *cell.lines) if x)
                    self.out.fragments.extend(t for t in cell.text.split("\n") if t)
            if extra:
                step["name"] = " ".join([*extra, step["name"]]).strip()
            if not step["name"]:
                # The step's name is the first paragraph of what is done.
                paragraphs = [x for x in step["action"].split("\n\n") if x]
                if paragraphs:
                    step["name"] = plain_of(paragraphs[0])
                    step["action"] = "\n\n".join(paragraphs[1:])
            if not any(step[k] for k in ("name", "responsible", "action", "time_limit", "record")):
                continue
            if not step["name"]:
                step["name"] = _("Step %(number)d") % {"number": len(self.out.steps) + 1}
            step["name"] = step["name"].replace("\n", " ")[:300]
            self.out.steps.append(step)

    def _records(self, grid, columns: dict[int, str]):
        for row in grid[1:]:
            record = {"name": "", "keeper": "", "place": "", "retention": "", "medium": ""}
            code = ""
            extra = []
            for index, cell in enumerate(row):
                if index and row[index - 1].tc is cell.tc:
                    continue
                role = columns.get(index)
                text = cell.text.replace("\n", "; ").strip()
                if not text:
                    continue
                if role == "number" and re.fullmatch(r"\d+[.]?", text):
                    continue
                if role == "code":
                    code = text
                elif role in record:
                    record[role] = text
                else:
                    extra.append(text)
                if not cell.continued:
                    self.out.fragments.extend(t for t in cell.text.split("\n") if t)
            if extra:
                record["name"] = " ".join([record["name"], *extra]).strip()
            if code:
                record["name"] = f"{record['name']} ({code})" if record["name"] else code
            if any(record.values()):
                record["name"] = record["name"][:300] or "—"
                self.out.records.append(record)
