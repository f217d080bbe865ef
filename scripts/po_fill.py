"""Fill empty translations of a .po file from a JSON object {msgid: msgstr}.

    .venv/bin/python scripts/po_fill.py documents/locale/vi/LC_MESSAGES/django.po vi.json
    .venv/bin/python scripts/po_fill.py --missing documents/locale/vi/LC_MESSAGES/django.po

For plural entries give a list [singular, plural] (Vietnamese has one form: give one
string). Fuzzy flags are cleared on the entries filled. --missing prints the msgids
still untranslated as a JSON object to fill in.
"""

import json
import sys

import polib


def main(argv):
    if argv[0] == "--missing":
        po = polib.pofile(argv[1])
        missing = {
            e.msgid: "" for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)
        }
        print(json.dumps(missing, ensure_ascii=False, indent=1))
        return 0
    path, source = argv
    po = polib.pofile(path)
    with open(source, encoding="utf-8") as handle:
        table = json.load(handle)
    filled = 0
    for entry in po:
        if entry.obsolete or entry.msgid not in table:
            continue
        value = table[entry.msgid]
        if entry.msgid_plural:
            values = value if isinstance(value, list) else [value]
            entry.msgstr_plural = {
                i: values[min(i, len(values) - 1)] for i in range(len(entry.msgstr_plural) or 1)
            }
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
        filled += 1
    po.save(path)
    left = [e.msgid for e in po if not e.obsolete and not e.translated()]
    print(f"filled {filled}; still untranslated: {len(left)}")
    for msgid in left:
        print("  ", msgid[:90])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
