namespace StoryBot.Benchmarks.Scale;

/// <summary>A German word and its English rendering, so quotes and translations share meaning.</summary>
internal readonly record struct WordPair(string De, string En);

/// <summary>
/// Words the generated articles are made of: ordinary German news vocabulary (nouns, verbs,
/// adjectives, function words, days, places) with English renderings, so the German and English
/// analyzers stem and stop-filter real text.
/// </summary>
internal static class ScaleVocabulary
{
    public static readonly WordPair[] Nouns =
    [
        new("Rechenzentrum", "data centre"), new("Investoren", "investors"), new("Milliarden", "billions"),
        new("Projekt", "project"), new("Regierung", "government"), new("Unternehmen", "company"),
        new("Partner", "partners"), new("Vertrag", "contract"), new("Energie", "energy"),
        new("Infrastruktur", "infrastructure"), new("Modelle", "models"), new("Daten", "data"),
        new("Netz", "network"), new("Strom", "electricity"), new("Kapital", "capital"),
        new("Anleger", "shareholders"), new("Börse", "stock exchange"), new("Aufsicht", "regulator"),
        new("Gericht", "court"), new("Klage", "lawsuit"), new("Beitrag", "post"), new("Interview", "interview"),
        new("Konferenz", "conference"), new("Präsident", "president"), new("Behörde", "authority"),
        new("Kommission", "commission"), new("Stadt", "city"), new("Fabrik", "factory"),
        new("Chips", "chips"), new("Förderung", "funding"), new("Streit", "dispute"), new("Plattform", "platform"),
        new("Gewinn", "profit"), new("Verlust", "loss"), new("Zukunft", "future"), new("Arbeitsplätze", "jobs"),
        new("Wasser", "water"), new("Kühlung", "cooling"), new("Hafen", "port"), new("Bahn", "railway"),
    ];

    public static readonly WordPair[] Verbs =
    [
        new("baut", "builds"), new("plant", "plans"), new("sagt", "says"), new("behauptet", "claims"),
        new("meldet", "reports"), new("investiert", "invests"), new("bestätigt", "confirms"),
        new("bestreitet", "denies"), new("kündigt", "announces"), new("erwartet", "expects"),
        new("kritisiert", "criticises"), new("unterstützt", "supports"), new("verkauft", "sells"),
        new("kauft", "buys"), new("verklagt", "sues"), new("verspricht", "promises"),
    ];

    public static readonly WordPair[] Adjectives =
    [
        new("neue", "new"), new("große", "large"), new("erste", "first"), new("schnelle", "fast"),
        new("teure", "expensive"), new("offene", "open"), new("lange", "long"), new("kleine", "small"),
        new("deutliche", "clear"), new("zusätzliche", "additional"), new("öffentliche", "public"),
        new("geheime", "secret"),
    ];

    public static readonly WordPair[] Fillers =
    [
        new("der", "the"), new("die", "the"), new("das", "the"), new("und", "and"), new("mit", "with"),
        new("für", "for"), new("in", "in"), new("auf", "on"), new("nach", "after"), new("über", "about"),
        new("von", "of"), new("bei", "at"), new("im", "in the"), new("zum", "to the"), new("nicht", "not"),
    ];

    public static readonly WordPair[] Days =
    [
        new("am Montag", "on Monday"), new("am Dienstag", "on Tuesday"), new("am Mittwoch", "on Wednesday"),
        new("am Donnerstag", "on Thursday"), new("am Freitag", "on Friday"), new("letztes Jahr", "last year"),
    ];

    public static readonly WordPair[] Places =
    [
        new("in Texas", "in Texas"), new("in Berlin", "in Berlin"), new("in Hamburg", "in Hamburg"),
        new("in Memphis", "in Memphis"), new("in Europa", "in Europe"), new("in Asien", "in Asia"),
        new("in Bayern", "in Bavaria"), new("in Ohio", "in Ohio"),
    ];

    /// <summary>Syllables invented names are built from; none is a German or English word on its own.</summary>
    public static readonly string[] Syllables =
    [
        "var", "kel", "dor", "mir", "tas", "bren", "ul", "zan", "hof", "rik", "lum", "gar", "sen", "tro", "vel",
        "nok", "bar", "wis", "feld", "mon", "quin", "ral", "dex", "pel", "sor", "tam", "uv", "yan", "zor", "lek",
    ];

    public static readonly string[] FirstNames =
    [
        "Anna", "Jonas", "Lea", "Felix", "Mara", "Tobias", "Nina", "Lukas", "Clara", "Moritz", "Greta", "Emil",
        "Frieda", "Paul", "Ida", "Henrik", "Lotte", "Oskar", "Selma", "Anton",
    ];

    public static readonly string[] OrganisationSuffixes = ["AG", "GmbH", "Labs", "Holding", "Energie", "Systems"];
}
