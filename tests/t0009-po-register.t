#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One register per language (po/GLOSSARY.md, "Register"). Spanish and Galician speak to
# the user as tú / ti on the screens and the command line, and as usted / vostede in the
# printed documents (msgctxt "print..."), handed to a business owner or to workshop
# participants; Catalan says vós everywhere, Basque zu everywhere. A word of the other
# register from the lists below in a msgstr fails.
# PO_DIR=FOLDER checks the catalogues of another folder (e.g. older ones, to see it fail).
. "${0%/*}/lib.sh"

command -v python3 >/dev/null || skip_all "python3 is not installed"
PO_DIR=${PO_DIR:-$TOP/po}

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
        if not line.strip():
            flush()
            cur = None
            continue
        if line.startswith('#'):
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

# The words that break a register, as (name, words, exempt): a word is counted unless
# the text before it matches exempt. The polite imperatives of Spanish and Galician are
# also the third-person present subjunctive ("hasta que se sincronice", "ata que se
# sincronice"): after que/cuando (and clitics) they do not address the user. Left out:
# words that are ordinary words too ("cierre" in "comillas de cierre", "cree" of creer,
# "abra", "escriba"), and the Catalan singular imperatives ("Desa", "Edita", "fes"): a
# menu item or a button is the user's order to the program, said with tu.
ES_EXEMPT = (r"\b(?:que|cuando|quizá|quizás|ojalá|mientras)\s+"
             r"(?:(?:se|lo|la|los|las|le|les|me|te|nos|no)\s+)*$")
GL_EXEMPT = (r"\b(?:que|cando|mentres|oxalá)\s+"
             r"(?:(?:se|o|a|os|as|lle|lles|me|te|nos|non)\s+)*$")
CA_EXEMPT = (r"\b(?:que|quan|mentre)\s+"
             r"(?:(?:es|se|s'|s'hi|hi|ho|el|la|els|les|li|l'|n'|en|ne|no|us|m'|em)\s*)*$")

ES_USTED = ('usted', """indique pruebe consulte vuelva ponga sincronice revise compruebe
    pulse elija espere use añada pregunte cambie guarde instale cargue confíe ejecute diga
    haga dé seleccione introduzca asegúrese mire vea intente borre quite marque inténtelo
    ciérrelo créela créelo compruébelo vuélvalo póngalo indíquelo pruébelo consúltelo
    revíselo sincronícelo ejecútelo guárdelo usted ustedes""".split(), ES_EXEMPT)
ES_TU = ('tú', "tú tu tus te ti contigo tuyo tuya tuyos tuyas".split(), None)
GL_VOSTEDE = ('vostede', """indique probe consulte volva poña sincronice revise comprobe
    prema escolla agarde engada pregunte use pida instale cargue diga faga compróbeo pécheo
    créea vostede vostedes""".split(), GL_EXEMPT)
GL_TI = ('ti', "ti teu túa teus túas che contigo".split(), None)
CA_NOT_VOS = ('tu/vostè', """tu teu teva teus teves et pots vols tens ets estàs saps has
    vulguis puguis tinguis vostè vostès premi indiqui provi consulti esperi comprovi
    tanqui faci digui""".split(), CA_EXEMPT)
EU_NOT_ZU = ('hi/zuek', """hi hik hire hiri hiretzat haiz hintzen duk dun dek dituk ditun
    ezak ezan itzak itzan hadi hator hoa diat dinat nauk naun dagok zegok zuek duzue
    dituzue zarete ezazue zaitezte dezakezue zenuten zaudete""".split(), None)
# language: (rule of the screens and the command line, rule of msgctxt "print...")
RULES = {
    'es': (ES_USTED, ES_TU),
    'gl': (GL_VOSTEDE, GL_TI),
    'ca': (CA_NOT_VOS, CA_NOT_VOS),
    'eu': (EU_NOT_ZU, EU_NOT_ZU),
}

def strip_literals(s):
    """Option names, config keys and quoted commands are not words of the language."""
    s = re.sub(r'`[^`]*`', ' ', s)
    s = re.sub(r'\[[^\]]*\]', ' ', s)
    s = re.sub(r'(?<!\w)--?[\w-]+', ' ', s)
    s = re.sub(r'\w+=\S*', ' ', s)
    return s

def offences(rule, text):
    name, listed, exempt = rule
    pattern = re.compile(r'(?<![\w-])(' + '|'.join(map(re.escape, listed)) + r')(?![\w-])',
                         re.I)
    for m in pattern.finditer(text):
        if exempt and re.search(exempt, text[:m.start()], re.I):
            continue
        yield name, m.group(1)

lang, path = sys.argv[1], sys.argv[2]
bad = 0
for line, ctx, strs in entries(path):
    printed = ctx.startswith('print')
    rule = RULES[lang][1 if printed else 0]
    where = ' in a printed document' if printed else ''
    for s in strs:
        for name, word in offences(rule, strip_literals(s)):
            print(f'{path}:{line}: {name} "{word}"{where}: {s!r}')
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
out=$(python3 "$T/register.py" es "$T/sample.po"); status=$?
is "$status" 1 "the check fails on a catalogue with usted imperatives"
is "$(printf '%s\n' "$out" | sed 's/^[^ ]* //; s/:.*//')" 'usted "Pruebe"
usted "ciérrelo"
usted "vuelva"
usted "sincronice"
tú "tu" in a printed document' \
	"it names each usted imperative (wrapped and plural too) and the tú of a printed document, nothing else"

cat >"$T/sample-ca.po" <<'EOF'
msgid "Save the summary as PDF"
msgstr "Desa el resum en PDF"

msgid "the records stay unsynced until a sync with it"
msgstr "els registres continuen sense sincronitzar fins que s'hi sincronitzi"

msgid "Press n to log one."
msgstr "Prem n per registrar-ne una; pots tornar-hi"

msgctxt "print"
msgid "Our work with your business"
msgstr "La nostra feina amb el seu negoci, vostè"
EOF
is "$(python3 "$T/register.py" ca "$T/sample-ca.po" | sed 's/^[^ ]* //; s/:.*//')" 'tu/vostè "pots"
tu/vostè "vostè" in a printed document' \
	"in Catalan it finds tu and vostè, not a menu item's imperative nor a subjunctive"

for lang in es ca gl eu; do
	out=$(python3 "$T/register.py" $lang "$PO_DIR/$lang.po"); status=$?
	[ -n "$out" ] && diag "$out"
	case $lang in
	es) what="tú outside the printed documents, usted in them" ;;
	gl) what="ti outside the printed documents, vostede in them" ;;
	ca) what="vós everywhere" ;;
	eu) what="zu everywhere" ;;
	esac
	is "$status" 0 "po/$lang.po says $what"
done

done_testing
