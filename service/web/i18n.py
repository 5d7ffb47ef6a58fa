"""UI text in Dutch and English, every string of every page in one place.

The page language is, in order: ``?lang=`` (remembered in a cookie), that cookie, the signed-in
person's locale, the browser's Accept-Language, English.
"""

from __future__ import annotations

from service.knowledge import Language

LANG_COOKIE = "storycoach_lang"

_STRINGS: dict[str, tuple[str, str]] = {
    # key: (English, Dutch)
    "tagline": (
        "Real stories, compact lessons: leaders who train their teams.",
        "Echte verhalen, compacte lessen: leiders die hun team trainen.",
    ),
    # navigation
    "nav_home": ("Home", "Start"),
    "nav_chat": ("New story", "Nieuw verhaal"),
    "nav_stories": ("Stories", "Verhalen"),
    "nav_review": ("Review", "Beoordelen"),
    "nav_search": ("Search", "Zoeken"),
    "sign_out": ("Sign out", "Afmelden"),
    "signed_in_as": ("Signed in as", "Aangemeld als"),
    "role_leader": ("leader", "leider"),
    "role_reviewer": ("L&D reviewer", "L&D-beoordelaar"),
    "role_member": ("team member", "teamlid"),
    "role_admin": ("admin", "beheerder"),
    # sign in
    "signin_title": ("Sign in", "Aanmelden"),
    "signin_intro": (
        "Paste the key you received from your administrator. It stays valid until it is revoked.",
        "Plak de sleutel die je van je beheerder kreeg. "
        "Hij blijft geldig tot hij wordt ingetrokken.",
    ),
    "signin_key": ("Your key", "Je sleutel"),
    "signin_button": ("Sign in", "Aanmelden"),
    "signin_invalid_key": (
        "That key did not work. Check that you pasted all of it, or ask your administrator "
        "for a new one.",
        "Die sleutel werkte niet. Controleer of je hem helemaal hebt geplakt, of vraag je "
        "beheerder om een nieuwe.",
    ),
    "signin_expired": (
        "Your session has ended. Please sign in again.",
        "Je sessie is verlopen. Meld je opnieuw aan.",
    ),
    "signed_out": ("You are signed out.", "Je bent afgemeld."),
    # home
    "home_hello": ("Hello", "Hallo"),
    "home_leader_intro": (
        "Your team learns most from you. Start from one of our priorities, tell what really "
        "happened — the setbacks too — and explain why it matters.",
        "Je team leert het meest van jou. Begin bij een van onze prioriteiten, vertel wat er "
        "echt gebeurde — ook wat misging — en leg uit waarom het ertoe doet.",
    ),
    "home_reviewer_intro": (
        "Lessons waiting for your review, scored against the rubric with evidence.",
        "Lessen die op je beoordeling wachten, gescoord op de rubric met bewijs.",
    ),
    "home_member_intro": (
        "Stories your leaders have shared. Discuss them with your team and leave a reflection: "
        "leaders learn from you too.",
        "Verhalen die je leiders hebben gedeeld. Bespreek ze met je team en laat een reflectie "
        "achter: leiders leren ook van jou.",
    ),
    "start_story": ("Start a new story", "Begin een nieuw verhaal"),
    "my_stories": ("My stories", "Mijn verhalen"),
    "my_lessons": ("My lessons", "Mijn lessen"),
    "reflections_on_mine": ("Reflections on my stories", "Reflecties op mijn verhalen"),
    "no_reflections_yet": ("No reflections yet.", "Nog geen reflecties."),
    "nothing_yet": ("Nothing yet.", "Nog niets."),
    "in_queue": ("in the review queue", "in de beoordelingswachtrij"),
    "to_publish": ("Approved, ready to publish", "Goedgekeurd, klaar om te publiceren"),
    "open_queue": ("Open the review queue", "Open de beoordelingswachtrij"),
    "latest_stories": ("Latest stories", "Nieuwste verhalen"),
    "all_stories": ("All stories", "Alle verhalen"),
    "practices_title": ("Leaders as trainers", "Leiders als trainers"),
    "practice_1": (
        "Tell real stories, including your failures.",
        "Vertel echte verhalen, ook over je mislukkingen.",
    ),
    "practice_2": ("Explain why, not only what.", "Leg uit waarom, niet alleen wat."),
    "practice_3": (
        "Link a lesson to one person's development goal in a 1:1.",
        "Koppel een les aan het ontwikkeldoel van één persoon in een 1-op-1.",
    ),
    "practice_4": (
        "Learn from each other: juniors teach seniors too.",
        "Leer van elkaar: junioren leren senioren ook iets.",
    ),
    # kinds, states, outcomes
    "value": ("value", "waarde"),
    "priority": ("priority", "prioriteit"),
    "story": ("story", "verhaal"),
    "lesson": ("lesson", "les"),
    "one_on_one": ("1:1 lesson", "1-op-1-les"),
    "success": ("success", "succes"),
    "failure": ("failure", "mislukking"),
    "mixed": ("mixed", "gemengd"),
    "state_draft": ("draft", "concept"),
    "state_in_review": ("in review", "in beoordeling"),
    "state_changes_requested": ("changes requested", "wijzigingen gevraagd"),
    "state_approved": ("approved", "goedgekeurd"),
    "state_rejected": ("rejected", "afgewezen"),
    "state_published": ("published", "gepubliceerd"),
    # search
    "search": ("Search", "Zoeken"),
    "search_title": ("Search our stories and lessons", "Zoek in onze verhalen en lessen"),
    "placeholder": (
        "e.g. a story about admitting a mistake to the team",
        "bijv. een verhaal over een fout toegeven aan je team",
    ),
    "any_kind": ("All kinds", "Alle soorten"),
    "any_language": ("Both languages", "Beide talen"),
    "no_results": ("Nothing found.", "Niets gevonden."),
    "results": ("results", "resultaten"),
    "empty_org": (
        "Your organisation's corpus is still empty.",
        "Het corpus van je organisatie is nog leeg.",
    ),
    # stories
    "stories_title": ("Stories from our leaders", "Verhalen van onze leiders"),
    "no_stories": ("No published stories yet.", "Nog geen gepubliceerde verhalen."),
    "by": ("by", "door"),
    "core_message": ("Core message", "Kernboodschap"),
    "values_shown": ("Values", "Waarden"),
    "sources": ("Sources", "Bronnen"),
    "questions_title": ("Discussion questions", "Gespreksvragen"),
    "questions_intro": (
        "Questions to talk this story through with your team.",
        "Vragen om dit verhaal met je team te bespreken.",
    ),
    "questions_button": ("Suggest discussion questions", "Stel gespreksvragen voor"),
    "reflections_title": ("Reflections", "Reflecties"),
    "reflection_intro": (
        "What does this story mean for your work? What would you have done? Your leader reads "
        "this.",
        "Wat betekent dit verhaal voor jouw werk? Wat had jij gedaan? Je leider leest dit.",
    ),
    "reflection_label": ("Your reflection", "Jouw reflectie"),
    "reflection_button": ("Share reflection", "Deel reflectie"),
    "reflection_thanks": ("Thank you for your reflection.", "Dank je voor je reflectie."),
    "reflection_empty": ("Write a few words first.", "Schrijf eerst een paar woorden."),
    "only_own_reflections": (
        "You see your own reflections; the story's author sees everyone's.",
        "Je ziet je eigen reflecties; de auteur van het verhaal ziet die van iedereen.",
    ),
    "publish_story": ("Publish story to the team", "Publiceer verhaal voor het team"),
    "status_draft": ("draft", "concept"),
    "status_published": ("published", "gepubliceerd"),
    # lessons & review
    "review_title": ("Review queue", "Beoordelingswachtrij"),
    "review_intro": (
        "Check each lesson against the rubric: is it faithful to the leader's own story, does "
        "it explain why, does every claim cite our corpus?",
        "Toets elke les aan de rubric: is hij trouw aan het eigen verhaal van de leider, legt "
        "hij uit waarom, verwijst elke bewering naar ons corpus?",
    ),
    "queue_empty": ("No lessons are waiting for review.", "Er wachten geen lessen op beoordeling."),
    "open": ("Open", "Openen"),
    "submitted": ("submitted", "ingediend"),
    "lesson_title": ("Lesson", "Les"),
    "source_story": ("Source story", "Bronverhaal"),
    "rubric": ("Rubric", "Rubric"),
    "overall": ("Overall", "Totaal"),
    "criterion": ("Criterion", "Criterium"),
    "result": ("Result", "Resultaat"),
    "evidence": ("Evidence", "Bewijs"),
    "reason": ("Reason", "Reden"),
    "must_pass": ("must pass", "verplicht"),
    "passed": ("passed", "voldoet"),
    "not_passed": ("not passed", "voldoet niet"),
    "unscored": ("not scored", "niet gescoord"),
    "no_score": (
        "No rubric score yet: it is computed when the lesson is submitted.",
        "Nog geen rubricscore: die wordt berekend bij het indienen.",
    ),
    "citations": ("Cited documents", "Geciteerde documenten"),
    "no_citations": ("No citations.", "Geen bronvermeldingen."),
    "goal": ("Development goal", "Ontwikkeldoel"),
    "member_role": ("Team member's role", "Rol van het teamlid"),
    "edit": ("Edit", "Bewerken"),
    "title_label": ("Title", "Titel"),
    "save_edit": ("Save changes", "Wijzigingen opslaan"),
    "edit_comment": ("What did you change, and why?", "Wat heb je veranderd, en waarom?"),
    "decision": ("Decision", "Besluit"),
    "comment": ("Comment for the author", "Toelichting voor de auteur"),
    "comment_hint": (
        "Required when rejecting or asking for changes: the author is owed the reason.",
        "Verplicht bij afwijzen of wijzigingen vragen: de auteur verdient de reden.",
    ),
    "approve": ("Approve", "Goedkeuren"),
    "reject": ("Reject", "Afwijzen"),
    "request_changes": ("Request changes", "Wijzigingen vragen"),
    "publish": ("Publish to the corpus", "Publiceren in het corpus"),
    "submit_review": ("Submit for review", "Indienen ter beoordeling"),
    "published_as": ("Published as", "Gepubliceerd als"),
    "history": ("History", "Geschiedenis"),
    # chat
    "chat_title": ("Draft a story with your coach", "Schrijf een verhaal met je coach"),
    "chat_intro": (
        "Pick a priority. The coach asks about a real experience of your own — what happened, "
        "what went wrong, what you did and learned — and shapes it into a story that explains "
        "why. It never invents experiences for you.",
        "Kies een prioriteit. De coach vraagt naar een echte ervaring van jezelf — wat er "
        "gebeurde, wat misging, wat je deed en leerde — en vormt er een verhaal van dat uitlegt "
        "waarom. De coach verzint nooit ervaringen voor je.",
    ),
    "choose_priority": ("Priority", "Prioriteit"),
    "own_priority": ("Or in your own words", "Of in je eigen woorden"),
    "language": ("Language", "Taal"),
    "start": ("Start", "Beginnen"),
    "your_answer": ("Your answer", "Jouw antwoord"),
    "send": ("Send", "Versturen"),
    "coach": ("Coach", "Coach"),
    "you": ("You", "Jij"),
    "thinking": ("The coach is writing…", "De coach schrijft…"),
    "save_story": ("Save as story", "Opslaan als verhaal"),
    "story_saved": ("Story saved.", "Verhaal opgeslagen."),
    "make_lesson": ("Make a lesson", "Maak een les"),
    "make_one_on_one": ("Make a 1:1 lesson", "Maak een 1-op-1-les"),
    "goal_hint": (
        "The team member's development goal, in a sentence.",
        "Het ontwikkeldoel van het teamlid, in één zin.",
    ),
    "lesson_made": ("Lesson ready.", "Les klaar."),
    "submitted_ok": ("Submitted for review.", "Ingediend ter beoordeling."),
    "earlier_chats": ("Earlier conversations", "Eerdere gesprekken"),
    # who wrote what in a draft (the marks say it in the page's language)
    "who_wrote": ("Who wrote what:", "Wie schreef wat:"),
    "origin_leader": ("your own words", "je eigen woorden"),
    "origin_translated": ("your words, translated", "je woorden, vertaald"),
    "origin_coach": ("written by the coach", "geschreven door de coach"),
    "origin_fallback": ("stand-in: edit it", "invulling: pas het aan"),
    "origin_fallback_own_words": (
        "from your own words; edit it",
        "uit je eigen woorden; pas het aan",
    ),
    "origin_fallback_company_value": (
        "from a company value; edit it",
        "uit een bedrijfswaarde; pas het aan",
    ),
    "origin_fallback_plain": (
        "a plain stand-in; edit it",
        "een eenvoudige invulling; pas het aan",
    ),
    "draft_notes_title": ("What the coach could not do", "Wat de coach niet lukte"),
    "edit_before_saving": ("Edit the parts before saving", "Pas de delen aan voor je opslaat"),
    "edit_hint": (
        "Change any part you like. What you write here is saved as your own words.",
        "Verander elk deel dat je wilt. Wat je hier schrijft, wordt bewaard als je eigen woorden.",
    ),
    "part_empty": (
        "Write something here, or put back the draft's text.",
        "Schrijf hier iets, of zet de tekst uit het concept terug.",
    ),
    "try_again": ("Try again", "Opnieuw proberen"),
    "no_reply_yet": (
        "The coach has not answered your last message yet. Nothing is lost.",
        "De coach heeft je laatste bericht nog niet beantwoord. Er is niets verloren gegaan.",
    ),
    "error_model": (
        "The coach did not manage to write this. Nothing is lost. Please try again.",
        "Het is de coach niet gelukt dit te schrijven. Er is niets verloren gegaan. "
        "Probeer het opnieuw.",
    ),
    "error_unavailable": (
        "The coach cannot be reached right now. Nothing is lost. Please try again in a minute.",
        "De coach is nu niet bereikbaar. Er is niets verloren gegaan. Probeer het over een "
        "minuut opnieuw.",
    ),
    "no_priorities": (
        "No priorities in the corpus yet: describe one in your own words.",
        "Nog geen prioriteiten in het corpus: beschrijf er een in je eigen woorden.",
    ),
    "chat_missing": (
        "The chat is not available on this server yet.",
        "Het gesprek is op deze server nog niet beschikbaar.",
    ),
    # generic
    "working": ("Working…", "Bezig…"),
    "done": ("Done.", "Klaar."),
    "error_generic": (
        "Something went wrong. Your work is kept; please try again.",
        "Er ging iets mis. Je werk is bewaard; probeer het opnieuw.",
    ),
    "error_session": (
        "Your session has ended. Sign in again (your text is still on this page).",
        "Je sessie is verlopen. Meld je opnieuw aan (je tekst staat nog op deze pagina).",
    ),
    "forbidden_title": ("Not for your role", "Niet voor jouw rol"),
    "forbidden_text": (
        "This page is for another role. Ask your administrator if you need access.",
        "Deze pagina is voor een andere rol. Vraag je beheerder als je toegang nodig hebt.",
    ),
    "not_found": ("Not found", "Niet gevonden"),
    "back_home": ("Back to home", "Terug naar start"),
}

TEXT: dict[str, dict[Language, str]] = {
    key: {Language.EN: en, Language.NL: nl} for key, (en, nl) in _STRINGS.items()
}

SCRIPT_KEYS = (
    "working",
    "done",
    "error_generic",
    "error_session",
    "thinking",
    "coach",
    "you",
    "story_saved",
    "lesson_made",
    "submitted_ok",
    "sources",
    "reflection_empty",
    "error_model",
    "error_unavailable",
    "try_again",
    "no_reply_yet",
    "who_wrote",
    "origin_leader",
    "origin_translated",
    "origin_coach",
    "origin_fallback",
    "origin_fallback_own_words",
    "origin_fallback_company_value",
    "origin_fallback_plain",
    "draft_notes_title",
    "edit_before_saving",
    "edit_hint",
    "part_empty",
)
"""The strings page scripts need (given to them as JSON in the page)."""


def pick_language(
    requested: str | None,
    accept_language: str | None,
    *,
    cookie: str | None = None,
    locale: str | None = None,
) -> Language:
    """The page language: the request, the remembered choice, the person, the browser."""
    for choice in (requested, cookie, locale):
        if choice in ("nl", "en"):
            return Language(choice)
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in ("nl", "en"):
            return Language(code)
    return Language.EN


def translator(language: Language) -> dict[str, str]:
    return {key: texts[language] for key, texts in TEXT.items()}
