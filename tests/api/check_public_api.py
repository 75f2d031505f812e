#!/usr/bin/env python3
"""The public headers expose no implementation type.

A public header is a header under include/renault/ outside the folders detail/, impl/ and src/ (and
not an .ipp file). In such a header, no declaration that user code can reach may name a type of a
`detail` namespace: no public or protected member of a class (data member, function signature,
type alias, base class) and no declaration at namespace scope outside a `detail` namespace.
Function bodies, private members and friend declarations may use detail types freely.

usage: check_public_api.py INCLUDE_DIR [GENERATED_INCLUDE_DIR]
Exits 1 and lists each offending declaration (file:line: text) when there is one.
"""
import pathlib
import re
import sys

INTERNAL_DIRS = {"detail", "impl", "src"}


def strip_comments_and_literals(text):
    """Replaces comments and string/char literals by spaces, keeping line breaks."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i) + 2
            out.append("".join(c if c == "\n" else " " for c in text[i:j]))
            i = j
        elif text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) + len(m.group(1)) + 2
            out.append("".join(c if c == "\n" else " " for c in text[i:end]))
            i = end
        elif text[i] == '"' or (text[i] == "'" and not (i > 0 and (text[i - 1].isalnum()))):
            quote = text[i]
            j = i + 1
            while j < n and text[j] != quote:
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (j + 1 - i))
            i = j + 1
        elif text[i] == "#":  # preprocessor line (with continuations)
            j = i
            while True:
                k = text.find("\n", j)
                k = n if k < 0 else k
                if k > 0 and text[k - 1] == "\\":
                    j = k + 1
                    continue
                break
            out.append("".join(c if c == "\n" else " " for c in text[i:k]))
            i = k
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def check_header(path, display):
    text = strip_comments_and_literals(path.read_text())
    problems = []
    # scope stack entries: (kind, name, access); kind in namespace/class/other
    stack = [("namespace", "", "public")]
    statement_start = 0
    paren = 0
    angle_text = ""

    def exposed():
        for kind, name, access in stack:
            if kind == "namespace" and name.split("::")[-1] == "detail" or "detail" in name.split("::"):
                return False
            if kind == "other":
                return False
            if kind == "class" and access not in ("public", "protected"):
                return False
        return True

    def declaration_part(s):
        """The declaration without what is not part of its type: a constructor's member
        initializers, a variable's initializer."""
        depth = 0
        for k, ch in enumerate(s):
            if ch in "(<[":
                depth += 1
            elif ch in ")>]":
                depth -= 1
            elif depth == 0 and ch == ":" and s[k + 1:k + 2] != ":" and s[k - 1:k] != ":" and ")" in s[:k]:
                return s[:k]
            elif depth == 0 and ch == "=" and not s.startswith("using ") and s[k + 1:k + 2] != "=" and "operator" not in s[:k]:
                return s[:k]
        return s

    def flag(start, end):
        stmt = text[start:end]
        if "detail::" not in stmt:
            return
        s = declaration_part(" ".join(stmt.split()))
        if "detail::" not in s:
            return
        # the out-of-line definition of a member of a detail class is not a declaration of ours
        if re.search(r"\bdetail::(\w+::)+~?\w+\s*\(", s) and not re.search(r"\bdetail::\w+\s+[\w:]*\(", s):
            return
        if s.startswith("friend ") or s.startswith("static_assert") or " friend " in f" {s} ":
            return
        if not exposed():
            return
        line = text.count("\n", 0, start + len(stmt) - len(stmt.lstrip())) + 1
        problems.append(f"{display}:{line}: {s[:160]}")

    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "(":
            paren += 1
        elif c == ")":
            paren -= 1
        elif c == ";" and paren == 0:
            flag(statement_start, i)
            statement_start = i + 1
        elif c == "{" and paren == 0:
            head = " ".join(text[statement_start:i].split())
            m_ns = re.match(r"^(inline\s+)?namespace\s*([\w:]*)\s*$", head)
            m_cls = re.search(r"(?:^|\s|>)(class|struct|union)\s+(\w+)[^()]*$", head)
            if m_ns:
                stack.append(("namespace", m_ns.group(2), "public"))
            elif m_cls and not head.startswith("enum"):
                # the class head itself (bases) is a declaration
                flag(statement_start, i)
                stack.append(("class", m_cls.group(2), "public" if m_cls.group(1) != "class" else "private"))
            elif head.startswith("enum"):
                stack.append(("other", "enum", "public"))
            else:
                # a function body or an initializer: its signature is a declaration
                flag(statement_start, i)
                stack.append(("other", "", "public"))
            statement_start = i + 1
        elif c == "}" and paren == 0:
            stack.pop()
            statement_start = i + 1
        elif c == ":" and paren == 0 and stack[-1][0] == "class":
            label = text[statement_start:i].strip()
            if label in ("public", "private", "protected") and text[i + 1:i + 2] != ":":
                kind, name, _ = stack[-1]
                stack[-1] = (kind, name, label)
                statement_start = i + 1
        i += 1
    return problems


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    problems = []
    count = 0
    for root in sys.argv[1:]:
        base = pathlib.Path(root)
        for path in sorted(base.rglob("*.hpp")):
            rel = path.relative_to(base)
            if INTERNAL_DIRS & set(rel.parts[:-1]):
                continue
            count += 1
            problems += check_header(path, str(rel))
    if problems:
        print("public headers that expose detail:: types:")
        print("\n".join(problems))
        print(f"{len(problems)} declaration(s) in {count} public headers")
        return 1
    print(f"check_public_api: {count} public headers, no detail:: type in a public declaration")
    return 0


if __name__ == "__main__":
    sys.exit(main())
