#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One register per language (po/GLOSSARY.md, "Register"): Spanish speaks to the user as tú
# everywhere except the printed documents (msgctxt "print..."), which speak to a business
# owner or to workshop participants as usted. A usted imperative from the list below in a
# non-print msgstr of po/es.po fails; so does a tú word in a print msgstr.
# PO_ES=FILE checks another catalogue (e.g. an older po/es.po, to see the check fail).
. "${0%/*}/lib.sh"

command -v python3 >/dev/null || skip_all "python3 is not installed"
PO_ES=${PO_ES:-$TOP/po/es.po}

cat >"$T/register.py" <<'PY'
import re, sys

def entries(path):
    """(line, msgctxt, [msgstr...]) of every entry but the header."""
    out, cur, field = [], None, None
    def flush():
        if cur and cur['id']:
            out.append((cur['line'], cur['ctx'], list(cur['str'].values())))
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            if not line.strip():
                flush(); cur = None
            continue
        m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
        if m:
            if cur is None:
                cur = {'line': n, 'ctx': '', 'id': '', 'str': {}}
            field, text = m.group(1), m.group(2)
        else:
            text = line
        value = eval(text)
        if field == 'msgctxt':
            cur['ctx'] += value
        elif field == 'msgid':
            cur['id'] += value
        elif field.startswith('msgstr'):
            cur['str'][field] = cur['str'].get(field, '') + value
    flush()
    return out

# usted imperatives (and their enclitic forms). Each is also the third-person present
# subjunctive ("hasta que se sincronice", "para que lo revise"): after que/cuando (and
# clitics) it is not addressed to the user and is not counted. Left out: words that are
# ordinary words too ("cierre" in "comillas de cierre", "cree" of creer, "abra", "escriba").
USTED = r'''indique pruebe consulte vuelva ponga sincronice revise compruebe pulse elija
    espere use añada pregunte cambie guarde instale cargue confíe ejecute diga haga dé
    seleccione introduzca asegúrese mire vea intente borre quite marque
    inténtelo ciérrelo créela créelo compruébelo vuélvalo póngalo indíquelo
    pruébelo consúltelo revíselo sincronícelo ejecútelo guárdelo usted ustedes'''.split()
USTED_RE = re.compile(r'(?<![\w-])(' + '|'.join(USTED) + r')(?![\w-])', re.I)
EXEMPT_RE = re.compile(r'(?:\b(?:que|cuando|quizá|quizás|ojalá|mientras)\s+)'
                       r'(?:(?:se|lo|la|los|las|le|les|me|te|nos|no)\s+)*$', re.I)
# tú words a printed document must not say to a business owner or a participant.
TU_RE = re.compile(r'(?<![\w-])(tú|tu|tus|te|ti|contigo|tuyo|tuya|tuyos|tuyas)(?![\w-])', re.I)

def strip_literals(s):
    """Option names, config keys and quoted commands are not Spanish words."""
    s = re.sub(r'`[^`]*`', ' ', s)
    s = re.sub(r'\[[^\]]*\]', ' ', s)
    s = re.sub(r'(?<!\w)--?[\w-]+', ' ', s)
    s = re.sub(r'\w+=\S*', ' ', s)
    return s

bad = 0
for line, ctx, strs in entries(sys.argv[1]):
    printed = ctx.startswith('print')
    for s in strs:
        text = strip_literals(s)
        if printed:
            for m in TU_RE.finditer(text):
                print(f'{sys.argv[1]}:{line}: tú "{m.group(1)}" in a printed document: {s!r}')
                bad += 1
            continue
        for m in USTED_RE.finditer(text):
            if EXEMPT_RE.search(text[:m.start()]):
                continue
            print(f'{sys.argv[1]}:{line}: usted "{m.group(1)}": {s!r}')
            bad += 1
sys.exit(1 if bad else 0)
PY

# The check itself, on a small catalogue: it finds what it must and leaves the rest.
cat >"$T/sample.po" <<'EOF'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Try 'volunteer --help'.\n"
msgstr "Pruebe 'volunteer --help'.\n"

msgid "close it and try again"
msgstr ""
"ciérrelo y "
"vuelva a intentarlo"

msgid "%ld record"
msgid_plural "%ld records"
msgstr[0] "%ld registro; sincronice"
msgstr[1] "%ld registros; sincroniza"

msgctxt "print"
msgid "Our work with your business"
msgstr "Nuestro trabajo con tu negocio"

msgid "the records stay unsynced until a sync with it"
msgstr "los registros siguen sin sincronizar hasta que se sincronice con él"

msgid "use --force; quotes are closed"
msgstr "usa --force, --use; faltan las comillas de cierre"

msgctxt "print"
msgid "Questions? Contact the programme:"
msgstr "¿Dudas? Contacte con el programa:"

msgid "your records"
msgstr "tus registros; Pulsa n"
EOF
out=$(python3 "$T/register.py" "$T/sample.po"); status=$?
is "$status" 1 "the check fails on a catalogue with usted imperatives"
is "$(printf '%s\n' "$out" | sed 's/^[^ ]* //; s/:.*//')" 'usted "Pruebe"
usted "ciérrelo"
usted "vuelva"
usted "sincronice"
tú "tu" in a printed document' \
	"it names each usted imperative (wrapped and plural too) and the tú of a printed document, nothing else"

out=$(python3 "$T/register.py" "$PO_ES"); status=$?
[ -n "$out" ] && diag "$out"
is "$status" 0 "po/es.po says tú outside the printed documents and usted in them"

done_testing
