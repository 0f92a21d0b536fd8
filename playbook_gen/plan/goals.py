"""Which cards speak to a team's goals: a goal and a card sharing a substantive word, found in the team's language.

A team writes its goals in its own language, so they are matched against the cards as its edition shows
them (translated, for a German team) with that language's stopwords and stemmer: a German goal about
"Gesprächen" meets a German card about "Gespräch", and the reason line quotes German on both sides.
English keeps its own light suffix rules, tuned on the content pack's vocabulary; other languages use
the Snowball stemmer (snowballstemmer, the stemmers search engines use), or no stemming if it has none.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import snowballstemmer

from ..i18n.message import Parts
from ..models import Practice

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MIN_TERM_LENGTH = 5  # shorter shared words ("call", "deal", "plan") say nothing about fit
STOPWORDS = {
    "en": frozenset("""
a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each every few for from further get gets getting got had has have
having he her here hers him his how i if in into is it its just least less let like make makes many may me more
most much must my no nor not now of off on once one only or other our ours out over own per same she should so
some such than that the their theirs them then there these they this those through to too under until up us very
was we were what when where which while who whom why will with without would you your yours
bring brings build get gets give keep make makes need run runs running take use want first better every
year years quarter month months week weeks day days hour hours time sale sales sell selling process cost cut percent
team teams rep reps manager managers people person member members work working help helps
everyone everybody someone something anything always never
""".split()),
    # German: function words, and the words every sales team's goals and cards use (as English's list has)
    "de": frozenset("""
aber alle allem allen aller alles also andere anderen anderer anders auch auf aus bei beim bereits bevor bis bitte
bleiben bringen damit dann darauf daran darum dass davon dazu dein deine deinem deinen deiner dem den denen denn der
deren des dessen dich die dies diese diesem diesen dieser dieses dir doch dort durch eben eigene eigenen eigener
einem einen einer eines etwas euch euer eure ganz gegen gehen gibt haben habe hast hatte hatten hier hinter ihnen ihre
ihrem ihren ihrer immer indem jede jedem jeden jeder jedes jetzt kann kannst keine keinem keinen keiner können könnte
lassen machen mehr mein meine meinem meinen meiner mich mindestens muss müssen nach neben nicht noch nur oder ohne
schon sein seine seinem seinen seiner selbst sich sie sind solche soll sollen sollte über unter unser unsere unserem
unseren unserer viel viele vom von vor wann warum weil welche welchem welchen welcher wenig wenn werden wieder will
wird wirklich wollen würde zwischen zum zur
erste ersten erster besser bessere besseren neue neuen neuer jahr jahre jahren quartal quartals monat monate monaten
woche wochen stunde stunden zeit vertrieb verkauf verkaufen prozess kosten prozent team teams vertriebler
vertrieblerin führungskraft führungskräfte teamleitung leute person personen mitglied arbeit arbeiten hilfe helfen
""".split()),
}


@functools.lru_cache(maxsize=8)
def _stemmer(language: str) -> Callable[[str], str]:
    base = language.split("-")[0]
    if base == "en":
        return _english_stem
    names = {"de": "german", "fr": "french", "es": "spanish", "it": "italian", "nl": "dutch", "pt": "portuguese",
             "sv": "swedish", "da": "danish", "no": "norwegian", "fi": "finnish"}
    if base not in names:
        return lambda word: word
    stemmer = snowballstemmer.stemmer(names[base])
    return stemmer.stemWord


def _english_stem(word: str) -> str:
    for suffix in ("ings", "ing", "ers", "er", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= (3 if suffix == "s" else 4):
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=4096)
def _terms(text: str, language: str = "en") -> dict[str, str]:
    """Significant words of a text: stem -> the first word written with that stem (cached: do not mutate)."""
    stopwords = STOPWORDS.get(language.split("-")[0], frozenset())
    stem = _stemmer(language)
    found: dict[str, str] = {}
    for word in _WORD.findall(text.lower()):
        if len(word) < MIN_TERM_LENGTH or word in stopwords or word.isdigit():
            continue
        found.setdefault(stem(word), word)
    return found


@dataclass(frozen=True)
class GoalMatch:
    """A team goal and a card sharing a substantive word, with where it stands in each text."""

    goal: str
    stem: str
    word: str  # as the goal writes it
    goal_context: Parts
    card_context: Parts


def context(text: str, stem: str, around: int = 4, language: str = "en") -> Parts:
    """The words around the first word of `text` with this stem, that word emphasised: ('… collect ', 'improvement', ' ideas …')."""
    words = text.split()
    stemmed = _stemmer(language)
    for i, word in enumerate(words):
        core = _WORD.findall(word.lower())
        if core and stemmed(core[0]) == stem and len(core[0]) >= MIN_TERM_LENGTH:
            start, end = max(0, i - around), min(len(words), i + around + 1)
            before = ("…" if start else "") + " ".join(words[start:i])
            after = " ".join(words[i + 1:end]) + ("…" if end < len(words) else "")
            return ((before + " " if before else "", False), (word.strip(".,;:!?()\"“”„"), True),
                    (" " + after if after else "", False))
    return ((text, False),)


def goal_matches(practices: list[Practice], goals: list[str], language: str = "en") -> dict[str, list[GoalMatch]]:
    """Per practice, the team goals sharing a substantive word with its title or summary (one match per goal).

    `practices` as the team's edition shows them (in `language`, the language the goals are written in).
    Substantive: at least MIN_TERM_LENGTH letters, no stopword, and used by few cards (a word most cards
    use, like 'customer' or 'pipeline', is no evidence of fit).
    """
    found: dict[str, list[GoalMatch]] = {p.id: [] for p in practices}
    if not goals:
        return found
    card_text = {p.id: f"{p.title}. {p.summary}" for p in practices}
    everywhere = Counter(t for p in practices for t in set(_terms(" ".join(
        [p.title, p.summary, p.people, *p.steps, *p.questions]), language)))
    common = {t for t, n in everywhere.items() if n > max(2, len(practices) // 6)}
    for goal in goals:
        goal_terms = _terms(goal, language)
        for practice in practices:
            shared = sorted((set(goal_terms) & set(_terms(card_text[practice.id], language))) - common)
            if shared:
                stem = shared[0]
                card = practice.summary if stem in _terms(practice.summary, language) else practice.title
                found[practice.id].append(GoalMatch(goal, stem, goal_terms[stem], context(goal, stem, language=language),
                                                    context(card, stem, language=language)))
    return found
