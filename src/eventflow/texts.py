"""Reviewed default texts (reference.md §8), in the invitation languages."""

DEFAULT_DEFINITION = {
    "fi": ("Hyvät väestösuhteet tarkoittavat, että eri väestöryhmät – esimerkiksi kieli-, "
           "etniset, uskonnolliset ja vammaisryhmät – toimivat keskenään myönteisesti ja "
           "suhtautuvat toisiinsa kunnioittavasti ja luottavaisesti. Väestösuhteita "
           "tarkastellaan neljän osa-alueen kautta: asenteet, turvallisuuden tunne, "
           "vuorovaikutus ja osallisuus."),
    "sv": ("Goda relationer mellan befolkningsgrupper innebär att olika grupper – till exempel "
           "språkliga, etniska och religiösa grupper och personer med funktionsnedsättning – har "
           "en positiv växelverkan och förhåller sig till varandra med respekt och tillit. "
           "Relationerna granskas utifrån fyra delområden: attityder, trygghetskänsla, "
           "växelverkan och delaktighet."),
    "en": ("Good population relations mean that different population groups interact "
           "positively and treat each other with respect and trust. They are looked at through "
           "four dimensions: attitudes, sense of safety, interaction and participation."),
}
