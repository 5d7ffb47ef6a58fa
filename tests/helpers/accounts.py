"""Leaders' accounts that tests share."""

BIKE_ACCOUNT = (
    "Vorig jaar kwam een klant drie keer terug met dezelfde rammelende e-bike. Ik had eerst de "
    "monteur de schuld gegeven. Toen ik een middag zelf meekeek, zag ik dat we de trapas nooit "
    "met een momentsleutel aandraaiden, omdat de enige sleutel al maanden kwijt was. We hebben "
    "twee nieuwe momentsleutels gekocht en bij elke werkbank een kaart met vijf controlepunten "
    "gehangen. In januari kwam één op de acht fietsen terug, in maart nog één op de twintig. Ik "
    "heb geleerd eerst naar het gereedschap te kijken en pas daarna naar de mens."
)
"""Issue 18's account: its draft had a title cut out of a sentence ("Ik een middag zelf
meekeek"), the same cut sentence as its call to action, a practice that quoted the problem and
a mistake as a key point."""
