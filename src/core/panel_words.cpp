// The panel's words in each language (see panel_words.hpp). To add a language: copy English's table,
// translate every string (keep each "{}" and the spaces around it), and add it to kLanguages below.
// Typography is part of the translation: French sets U+202F (a narrow no-break space) before : ; ! ?
// and inside « »; German opens quotes low („…“).
#include "core/panel_words.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace citemap {

namespace {

constexpr PanelWords kEnglish{
    .code = "en",
    .name = "English",
    .open_quote = "\u201C",
    .close_quote = "\u201D",
    .inner_open = "\u2018",
    .inner_close = "\u2019",
    .third_open = "\u201C",
    .third_close = "\u201D",
    .colon = ": ",
    .semicolon = "; ",
    .and_word = " and ",
    .months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
    .date = "{} {} {}",
    .month_year = "{} {}",
    .first_day = "",
    .modality = {"reported", "plan", "projection", "denied"},
    .modality_heading = {"Reported", "Plans", "Projections", "Denials"},
    .attributed = "{}, attributed to {}",
    .since = "; since {}",
    .until = "; until {}",
    .from_to = "; from {} to {}",
    .zone_status = "{}: {}",
    .zone_dash_status = "{} \u2014 {}",
    .denied_by = "Denied by {}: {}",
    .denied_by_count = "Denied by {} sources: {}",
    .a_source = "a source",
    .plan = "Plan: {}",
    .projection = "Projection: {}",
    .contested_by_one = " (contested by claim {})",
    .contested_by_many = " (contested by claims {})",
    .contested_zone = "{} is contested between sources: {}. ",
    .contest_side_one = "{} according to {} (claim {})",
    .contest_side_many = "{} according to {} (claims {})",
    .contest_denial_one = "{} denied by {} (claim {})",
    .contest_denial_many = "{} denied by {} (claims {})",
    .compass = {"north-west", "north", "north-east", "west", "centre", "east", "south-west", "south", "south-east"},
    .in_the = "in the {}",
    .compass_the = {"the north-west", "the north", "the north-east", "the west", "the centre", "the east",
                    "the south-west", "the south", "the south-east"},
    .where_zones_lie = "Where the zones lie: ",
    .lies_inside = "{} lies inside {}",
    .in_parts = "{} in parts, in {}",
    .by_status = "As reported, by status: ",
    .legend = "Legend",
    .other_symbols = "Other symbols",
    .band_heading = "Further claims on a zone: a band inside its edge",
    .outer_edge = "{} (outer edge)",
    .edge_band = "{} (edge band)",
    .edge = "{} (edge)",
    .nested = "A zone inside a larger zone of the same status (dashed outline)",
    .square = "A zone too small to draw at this scale: a square in its colour",
    .overlap_shows = "Overlapping zones: the lower one shows through in stripes or its own pattern",
    .conflict = "Claims conflict (zones with different statuses overlap)",
    .contested = "Contested between sources (they contradict each other about the zone)",
    .conflict_or_contested =
        "Claims conflict (zones with different statuses overlap, or sources contradict each other about a zone)",
    .number_in_caption = "Claim number: its citation is in the figure\u2019s caption",
    .number_listed = "Claim number: its citation is listed {}",
    .below = "below",
    .at_right = "at right",
    .below_and_at_right = "below and at right",
    .at_left = "at left",
    .overleaf = "overleaf",
    .or_following_sheets = ", or on the following sheets",
    .badge_shows = "; its badge shows the claim\u2019s status:",
    .band_reported_colour = "Reported: in the status\u2019s colour",
    .band_reported_print = "Reported: in the status\u2019s own pattern",
    .band_way = {"Plan: hatched", "Projection: dotted", "Denied: small crosses"},
    .in_colour = ", in the status\u2019s colour",
    .in_shade = ", in the status\u2019s shade",
    .citations = "Claims and citations",
    .continued = "{} (continued)",
    .continues_one = "The citation of claim {} continues {}.",
    .continue_many = "Citations {}\u2013{} continue {}.",
    .on_sheet = "on sheet {}",
    .on_sheets = "on sheets {}\u2013{}",
    .sentence_mark = "s",
    .source = "Source: ",
    .sources = "Sources: ",
    .base_data = "Base data: ",
    .made_with = "Made with citemap.",
    .sources_overleaf = "Sources overleaf.",
    .legend_overleaf = "Legend and sources overleaf.",
    .note_drawn = "Zones hand-drawn from the text; approximate.",
    .note_derived = "Zones derived from hand-drawn lines and base layers as the text describes them; approximate.",
    .note_both = "Zones hand-drawn, or derived from lines and base layers, as the text describes them; approximate.",
    .citations_md_title = "Citations: {}",
    .citations_md_intro = "Every numbered claim on the map, with each quote shown in its full sentence (quote in bold).",
    .sources_heading = "Sources",
    .paragraph_sentence = "paragraph {}, sentence {}",
    .to_sentence = " to sentence {}",
    .to = " to ",
    .map = "Map",
    .claims = "Claims",
    .hover_hint = "Hover over or click a zone to see its claims and the words of the source they rest on.",
    .scaffold_subtitle = "Zones as claimed in one text",
    .decimal_mark = ".",
    .coordinate_sides = {"N", "E", "S", "W"},
    .degrees = "{}\u00B0{}",
    .scale_note = "scale {}",
    .scale_bar_title = "Scale bar, {}",
    .true_at = "true at {}",
    .true_at_centre = "true at the map centre",
    .north_arrow_title = "North arrow (true north)",
    .locator_title = "Locator: the map's extent in its region",
    .detail_title = "Detail: the framed area, magnified {} times",
    .claim_marker_title = "Claim {}: see the citation list",
    .conflict_title = "Claims conflict: {} / {}",
    .contested_title = "Contested between sources: {}",
    .continued_sheet_title = "{} \u2014 citations continued, {}",
    .sheet_of = "sheet {} of {}",
    .alt_map = "Map: {}. ",
    .alt_claim = "{} ({}, claim {}). ",
    .alt_conflict = "Claims conflict where {} and {} overlap. ",
    .more = "{} more",
    .pdf_subject = "Claims cited from: {}",
    .pdf_keywords = "map, citations, {}",
    .dropped_articles = "",
};

constexpr PanelWords kFrench{
    .code = "fr",
    .name = "French",
    .open_quote = "\u00AB\u202F",
    .close_quote = "\u202F\u00BB",
    .inner_open = "\u201C",
    .inner_close = "\u201D",
    .third_open = "\u2018",
    .third_close = "\u2019",
    .colon = "\u202F: ",
    .semicolon = "\u202F; ",
    .and_word = " et ",
    .months = {"janvier", "f\u00E9vrier", "mars", "avril", "mai", "juin", "juillet", "ao\u00FBt", "septembre",
               "octobre", "novembre", "d\u00E9cembre"},
    .date = "{} {} {}",
    .month_year = "{} {}",
    .first_day = "1er",
    .modality = {"signal\u00E9", "plan", "projection", "d\u00E9menti"},
    .modality_heading = {"Signal\u00E9", "Plans", "Projections", "D\u00E9mentis"},
    .attributed = "{}, selon {}", // "selon le préfet": "attribué à le préfet" would need "au"
    .since = "\u202F; depuis le {}",
    .until = "\u202F; jusqu\u2019au {}",
    .from_to = "\u202F; du {} au {}",
    .zone_status = "{}\u202F: {}",
    .zone_dash_status = "{} \u2014 {}",
    .denied_by = "D\u00E9menti par {}\u202F: {}",
    .denied_by_count = "D\u00E9menti par {} sources\u202F: {}",
    .a_source = "une source",
    .plan = "Plan\u202F: {}",
    .projection = "Projection\u202F: {}",
    .contested_by_one = " (contest\u00E9e par l\u2019affirmation {})",
    .contested_by_many = " (contest\u00E9e par les affirmations {})",
    .contested_zone = "Contest\u00E9 entre sources, {}\u202F: {}. ",
    .contest_side_one = "{} selon {} (affirmation {})",
    .contest_side_many = "{} selon {} (affirmations {})",
    .contest_denial_one = "{}, d\u00E9menti selon {} (affirmation {})",
    .contest_denial_many = "{}, d\u00E9menti selon {} (affirmations {})",
    .compass = {"nord-ouest", "nord", "nord-est", "ouest", "centre", "est", "sud-ouest", "sud", "sud-est"},
    .in_the = "secteur {}", // "au nord" but "\u00E0 l\u2019est": a noun that takes no article
    .compass_the = {"secteur nord-ouest", "secteur nord", "secteur nord-est", "secteur ouest", "secteur centre",
                    "secteur est", "secteur sud-ouest", "secteur sud", "secteur sud-est"},
    .where_zones_lie = "O\u00F9 sont les zones\u202F: ",
    .lies_inside = "{} est dans {}",
    .in_parts = "{} en plusieurs parties\u202F: {}",
    .by_status = "Selon les affirmations, par statut\u202F: ",
    .legend = "L\u00E9gende",
    .other_symbols = "Autres symboles",
    .band_heading = "Autres affirmations sur une zone\u202F: une bande le long de son bord int\u00E9rieur",
    .outer_edge = "{} (bord ext\u00E9rieur)",
    .edge_band = "{} (bande de bord)",
    .edge = "{} (contour)",
    .nested = "Une zone dans une zone plus grande de m\u00EAme statut (contour tiret\u00E9)",
    .square = "Une zone trop petite pour cette \u00E9chelle\u202F: un carr\u00E9 de sa couleur",
    .overlap_shows = "Zones superpos\u00E9es\u202F: celle du dessous transpara\u00EEt en rayures ou par son motif",
    .conflict = "Affirmations en conflit (des zones de statuts diff\u00E9rents se chevauchent)",
    .contested = "Contest\u00E9 entre sources (elles se contredisent sur la zone)",
    .conflict_or_contested = "Affirmations en conflit (des zones de statuts diff\u00E9rents se chevauchent, ou des "
                             "sources se contredisent sur une zone)",
    .number_in_caption = "Num\u00E9ro de l\u2019affirmation\u202F: sa citation est dans la l\u00E9gende de la figure",
    .number_listed = "Num\u00E9ro de l\u2019affirmation\u202F: sa citation figure {}",
    .below = "ci-dessous",
    .at_right = "\u00E0 droite",
    .below_and_at_right = "ci-dessous et \u00E0 droite",
    .at_left = "\u00E0 gauche",
    .overleaf = "au verso",
    .or_following_sheets = ", ou sur les feuilles suivantes",
    .badge_shows = "\u202F; sa pastille indique le statut de l\u2019affirmation\u202F:",
    .band_reported_colour = "Signal\u00E9\u202F: couleur du statut",
    .band_reported_print = "Signal\u00E9\u202F: motif propre au statut",
    .band_way = {"Plan\u202F: hachures", "Projection\u202F: points", "D\u00E9menti\u202F: petites croix"},
    .in_colour = ", couleur du statut",
    .in_shade = ", teinte du statut",
    .citations = "Affirmations et citations",
    .continued = "{} (suite)",
    .continues_one = "La citation de l\u2019affirmation {} se poursuit {}.",
    .continue_many = "Les citations {}\u2013{} se poursuivent {}.",
    .on_sheet = "sur la feuille {}",
    .on_sheets = "sur les feuilles {}\u2013{}",
    .sentence_mark = "ph",
    .source = "Source\u202F: ",
    .sources = "Sources\u202F: ",
    .base_data = "Donn\u00E9es de base\u202F: ",
    .made_with = "R\u00E9alis\u00E9 avec citemap.",
    .sources_overleaf = "Sources au verso.",
    .legend_overleaf = "L\u00E9gende et sources au verso.",
    .note_drawn = "Zones dessin\u00E9es \u00E0 la main d\u2019apr\u00E8s le texte\u202F; approximatives.",
    .note_derived = "Zones d\u00E9riv\u00E9es de lignes dessin\u00E9es \u00E0 la main et de couches de base, comme le "
                    "texte les d\u00E9crit\u202F; approximatives.",
    .note_both = "Zones dessin\u00E9es \u00E0 la main, ou d\u00E9riv\u00E9es de lignes et de couches de base, comme le "
                 "texte les d\u00E9crit\u202F; approximatives.",
    .citations_md_title = "Citations\u202F: {}",
    .citations_md_intro = "Chaque affirmation num\u00E9rot\u00E9e de la carte, avec chaque citation dans sa phrase "
                          "enti\u00E8re (citation en gras).",
    .sources_heading = "Sources",
    .paragraph_sentence = "paragraphe {}, phrase {}",
    .to_sentence = " jusqu\u2019\u00E0 la phrase {}",
    .to = " jusqu\u2019au ",
    .map = "Carte",
    .claims = "Affirmations",
    .hover_hint = "Survolez ou touchez une zone pour voir ses affirmations et les mots de la source sur lesquels "
                  "elles reposent.",
    .scaffold_subtitle = "Zones telles qu\u2019un texte les d\u00E9crit",
    .decimal_mark = ",",
    .coordinate_sides = {"N", "E", "S", "O"},
    .degrees = "{}\u00B0\u00A0{}",
    .scale_note = "\u00E9chelle {}",
    .scale_bar_title = "Barre d\u2019\u00E9chelle, {}",
    .true_at = "exacte \u00E0 {}",
    .true_at_centre = "exacte au centre de la carte",
    .north_arrow_title = "Fl\u00E8che du nord (nord g\u00E9ographique)",
    .locator_title = "Carte de situation\u202F: l\u2019\u00E9tendue de la carte dans sa r\u00E9gion",
    .detail_title = "D\u00E9tail\u202F: la zone encadr\u00E9e, agrandie {} fois",
    .claim_marker_title = "Affirmation {}\u202F: voir la liste des citations",
    .conflict_title = "Affirmations en conflit\u202F: {} / {}",
    .contested_title = "Contest\u00E9 entre sources\u202F: {}",
    .continued_sheet_title = "{} \u2014 citations (suite), {}",
    .sheet_of = "feuille {} sur {}",
    .alt_map = "Carte\u202F: {}. ",
    .alt_claim = "{} ({}, affirmation {}). ",
    .alt_conflict = "Affirmations en conflit l\u00E0 o\u00F9 {} et {} se chevauchent. ",
    .more = "{} autres",
    .pdf_subject = "Affirmations cit\u00E9es de\u202F: {}",
    .pdf_keywords = "carte, citations, {}",
    .dropped_articles = "",
};

constexpr PanelWords kGerman{
    .code = "de",
    .name = "German",
    .open_quote = "\u201E",
    .close_quote = "\u201C",
    .inner_open = "\u201A",
    .inner_close = "\u2018",
    .third_open = "\u201E",
    .third_close = "\u201C",
    .colon = ": ",
    .semicolon = "; ",
    .and_word = " und ",
    .months = {"Januar", "Februar", "M\u00E4rz", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
               "November", "Dezember"},
    .date = "{}. {} {}",
    .month_year = "{} {}",
    .first_day = "",
    .modality = {"berichtet", "Plan", "Prognose", "dementiert"},
    .modality_heading = {"Berichtet", "Pl\u00E4ne", "Prognosen", "Dementis"},
    .attributed = "{}, laut {}", // "laut Polizei": attribution_name drops the article ("laut die Polizei")
    .since = "; seit {}",
    .until = "; bis zum {}",
    .from_to = "; vom {} bis zum {}",
    .zone_status = "{}: {}",
    .zone_dash_status = "{} \u2014 {}",
    .denied_by = "Dementi laut {}: {}",
    .denied_by_count = "Dementi laut {} Quellen: {}",
    .a_source = "einer Quelle", // after "laut"
    .plan = "Plan: {}",
    .projection = "Prognose: {}",
    .contested_by_one = " (bestritten durch Angabe {})",
    .contested_by_many = " (bestritten durch Angaben {})",
    .contested_zone = "Zwischen Quellen strittig, {}: {}. ",
    .contest_side_one = "{} laut {} (Angabe {})",
    .contest_side_many = "{} laut {} (Angaben {})",
    .contest_denial_one = "{}, dementiert laut {} (Angabe {})",
    .contest_denial_many = "{}, dementiert laut {} (Angaben {})",
    .compass = {"Nordwesten", "Norden", "Nordosten", "Westen", "Zentrum", "Osten", "S\u00FCdwesten", "S\u00FCden",
                "S\u00FCdosten"},
    .in_the = "im {}",
    // Zentrum is neuter, the compass points masculine.
    .compass_the = {"der Nordwesten", "der Norden", "der Nordosten", "der Westen", "das Zentrum", "der Osten",
                    "der S\u00FCdwesten", "der S\u00FCden", "der S\u00FCdosten"},
    .where_zones_lie = "Wo die Zonen liegen: ",
    .lies_inside = "{} liegt in {}",
    .in_parts = "{} in Teilen: {}",
    .by_status = "Laut den Angaben, nach Status: ",
    .legend = "Legende",
    .other_symbols = "Weitere Zeichen",
    .band_heading = "Weitere Angaben zu einer Zone: ein Band innen an ihrem Rand",
    .outer_edge = "{} (Au\u00DFenrand)",
    .edge_band = "{} (Randband)",
    .edge = "{} (Umriss)",
    .nested = "Eine Zone in einer gr\u00F6\u00DFeren Zone mit gleichem Status (gestrichelter Umriss)",
    .square = "Eine Zone, zu klein f\u00FCr diesen Ma\u00DFstab: ein Quadrat in ihrer Farbe",
    .overlap_shows = "\u00DCberlappende Zonen: die untere scheint in Streifen oder mit ihrem Muster durch",
    .conflict = "Widerspr\u00FCchliche Angaben (Zonen mit verschiedenem Status \u00FCberlappen)",
    .contested = "Zwischen Quellen strittig (sie widersprechen einander zu der Zone)",
    .conflict_or_contested = "Widerspr\u00FCchliche Angaben (Zonen mit verschiedenem Status \u00FCberlappen, oder "
                             "Quellen widersprechen einander zu einer Zone)",
    .number_in_caption = "Nummer der Angabe: ihr Zitat steht in der Bildunterschrift",
    .number_listed = "Nummer der Angabe: ihr Zitat steht {}",
    .below = "unten",
    .at_right = "rechts",
    .below_and_at_right = "unten und rechts",
    .at_left = "links",
    .overleaf = "auf der R\u00FCckseite",
    .or_following_sheets = ", oder auf den folgenden Bl\u00E4ttern",
    .badge_shows = "; ihr Kreis zeigt den Status der Angabe:",
    .band_reported_colour = "Berichtet: in der Farbe des Status",
    .band_reported_print = "Berichtet: im eigenen Muster des Status",
    .band_way = {"Plan: schraffiert", "Prognose: gepunktet", "Dementiert: kleine Kreuze"},
    .in_colour = ", in der Farbe des Status",
    .in_shade = ", im Grauton des Status",
    .citations = "Angaben und Zitate",
    .continued = "{} (Fortsetzung)",
    .continues_one = "Das Zitat der Angabe {} geht {} weiter.",
    .continue_many = "Die Zitate {}\u2013{} gehen {} weiter.",
    .on_sheet = "auf Blatt {}",
    .on_sheets = "auf den Bl\u00E4ttern {}\u2013{}",
    .sentence_mark = "S",
    .source = "Quelle: ",
    .sources = "Quellen: ",
    .base_data = "Grunddaten: ",
    .made_with = "Erstellt mit citemap.",
    .sources_overleaf = "Quellen auf der R\u00FCckseite.",
    .legend_overleaf = "Legende und Quellen auf der R\u00FCckseite.",
    .note_drawn = "Zonen nach dem Text von Hand gezeichnet; ungef\u00E4hr.",
    .note_derived = "Zonen aus handgezeichneten Linien und Grundlagenebenen abgeleitet, wie der Text sie beschreibt; "
                    "ungef\u00E4hr.",
    .note_both = "Zonen von Hand gezeichnet oder aus Linien und Grundlagenebenen abgeleitet, wie der Text sie "
                 "beschreibt; ungef\u00E4hr.",
    .citations_md_title = "Zitate: {}",
    .citations_md_intro = "Jede nummerierte Angabe der Karte, jedes Zitat in seinem ganzen Satz (Zitat fett).",
    .sources_heading = "Quellen",
    .paragraph_sentence = "Absatz {}, Satz {}",
    .to_sentence = " bis Satz {}",
    .to = " bis ",
    .map = "Karte",
    .claims = "Angaben",
    .hover_hint = "Zeigen Sie auf eine Zone oder tippen Sie sie an, um ihre Angaben und die Worte der Quelle zu "
                  "sehen, auf denen sie beruhen.",
    .scaffold_subtitle = "Zonen, wie ein Text sie beschreibt",
    .decimal_mark = ",",
    .coordinate_sides = {"N", "O", "S", "W"},
    .degrees = "{}\u00B0\u00A0{}",
    .scale_note = "Ma\u00DFstab {}",
    .scale_bar_title = "Ma\u00DFstabsleiste, {}",
    .true_at = "gilt bei {}",
    .true_at_centre = "gilt in der Kartenmitte",
    .north_arrow_title = "Nordpfeil (geografisch Nord)",
    .locator_title = "\u00DCbersichtskarte: der Kartenausschnitt in seiner Region",
    .detail_title = "Ausschnitt: der umrahmte Bereich, {}-fach vergr\u00F6\u00DFert",
    .claim_marker_title = "Angabe {}: siehe Zitatliste",
    .conflict_title = "Widerspr\u00FCchliche Angaben: {} / {}",
    .contested_title = "Zwischen Quellen strittig: {}",
    .continued_sheet_title = "{} \u2014 Zitate (Fortsetzung), {}",
    .sheet_of = "Blatt {} von {}",
    .alt_map = "Karte: {}. ",
    .alt_claim = "{} ({}, Angabe {}). ",
    .alt_conflict = "Widerspr\u00FCchliche Angaben, wo sich {} und {} \u00FCberlappen. ",
    .more = "{} weitere",
    .pdf_subject = "Angaben zitiert aus: {}",
    .pdf_keywords = "Karte, Zitate, {}",
    .dropped_articles = "der die das den dem des ein eine einen einem einer eines",
};

constexpr PanelWords kSpanish{
    .code = "es",
    .name = "Spanish",
    .open_quote = "\u00AB",
    .close_quote = "\u00BB",
    .inner_open = "\u201C",
    .inner_close = "\u201D",
    .third_open = "\u2018",
    .third_close = "\u2019",
    .colon = ": ",
    .semicolon = "; ",
    .and_word = " y ",
    .months = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
               "noviembre", "diciembre"},
    .date = "{} de {} de {}",
    .month_year = "{} de {}",
    .first_day = "",
    .modality = {"informado", "plan", "proyecci\u00F3n", "desmentido"},
    .modality_heading = {"Informado", "Planes", "Proyecciones", "Desmentidos"},
    .attributed = "{}, seg\u00FAn {}",
    .since = "; desde el {}",
    .until = "; hasta el {}",
    .from_to = "; del {} al {}",
    .zone_status = "{}: {}",
    .zone_dash_status = "{} \u2014 {}",
    .denied_by = "Desmentido por {}: {}",
    .denied_by_count = "Desmentido por {} fuentes: {}",
    .a_source = "una fuente",
    .plan = "Plan: {}",
    .projection = "Proyecci\u00F3n: {}",
    .contested_by_one = " (impugnada por la afirmaci\u00F3n {})",
    .contested_by_many = " (impugnada por las afirmaciones {})",
    .contested_zone = "Disputada entre fuentes, {}: {}. ",
    .contest_side_one = "{} seg\u00FAn {} (afirmaci\u00F3n {})",
    .contest_side_many = "{} seg\u00FAn {} (afirmaciones {})",
    .contest_denial_one = "{}, desmentido seg\u00FAn {} (afirmaci\u00F3n {})",
    .contest_denial_many = "{}, desmentido seg\u00FAn {} (afirmaciones {})",
    .compass = {"noroeste", "norte", "noreste", "oeste", "centro", "este", "suroeste", "sur", "sureste"},
    .in_the = "en el {}",
    .compass_the = {"el noroeste", "el norte", "el noreste", "el oeste", "el centro", "el este", "el suroeste",
                    "el sur", "el sureste"},
    .where_zones_lie = "D\u00F3nde est\u00E1n las zonas: ",
    .lies_inside = "{} est\u00E1 dentro de {}",
    .in_parts = "{} en partes: {}",
    .by_status = "Seg\u00FAn lo informado, por estado: ",
    .legend = "Leyenda",
    .other_symbols = "Otros s\u00EDmbolos",
    .band_heading = "Otras afirmaciones sobre una zona: una banda dentro de su borde",
    .outer_edge = "{} (borde exterior)",
    .edge_band = "{} (banda de borde)",
    .edge = "{} (contorno)",
    .nested = "Una zona dentro de una zona mayor del mismo estado (contorno discontinuo)",
    .square = "Una zona demasiado peque\u00F1a para esta escala: un cuadrado de su color",
    .overlap_shows = "Zonas superpuestas: la de abajo se ve en franjas o con su propio patr\u00F3n",
    .conflict = "Afirmaciones en conflicto (se superponen zonas con estados distintos)",
    .contested = "Disputado entre fuentes (se contradicen sobre la zona)",
    .conflict_or_contested = "Afirmaciones en conflicto (se superponen zonas con estados distintos, o las fuentes "
                             "se contradicen sobre una zona)",
    .number_in_caption = "N\u00FAmero de la afirmaci\u00F3n: su cita est\u00E1 en el pie de la figura",
    .number_listed = "N\u00FAmero de la afirmaci\u00F3n: su cita figura {}",
    .below = "abajo",
    .at_right = "a la derecha",
    .below_and_at_right = "abajo y a la derecha",
    .at_left = "a la izquierda",
    .overleaf = "al dorso",
    .or_following_sheets = ", o en las hojas siguientes",
    .badge_shows = "; su c\u00EDrculo indica el estado de la afirmaci\u00F3n:",
    .band_reported_colour = "Informado: en el color del estado",
    .band_reported_print = "Informado: con la trama propia del estado",
    .band_way = {"Plan: rayado", "Proyecci\u00F3n: punteado", "Desmentido: peque\u00F1as cruces"},
    .in_colour = ", en el color del estado",
    .in_shade = ", en el tono del estado",
    .citations = "Afirmaciones y citas",
    .continued = "{} (continuaci\u00F3n)",
    .continues_one = "La cita de la afirmaci\u00F3n {} contin\u00FAa {}.",
    .continue_many = "Las citas {}\u2013{} contin\u00FAan {}.",
    .on_sheet = "en la hoja {}",
    .on_sheets = "en las hojas {}\u2013{}",
    .sentence_mark = "o",
    .source = "Fuente: ",
    .sources = "Fuentes: ",
    .base_data = "Datos de base: ",
    .made_with = "Hecho con citemap.",
    .sources_overleaf = "Fuentes al dorso.",
    .legend_overleaf = "Leyenda y fuentes al dorso.",
    .note_drawn = "Zonas dibujadas a mano seg\u00FAn el texto; aproximadas.",
    .note_derived = "Zonas derivadas de l\u00EDneas dibujadas a mano y capas de base, tal como las describe el texto; "
                    "aproximadas.",
    .note_both = "Zonas dibujadas a mano, o derivadas de l\u00EDneas y capas de base, tal como las describe el texto; "
                 "aproximadas.",
    .citations_md_title = "Citas: {}",
    .citations_md_intro = "Cada afirmaci\u00F3n numerada del mapa, con cada cita en su oraci\u00F3n completa (cita "
                          "en negrita).",
    .sources_heading = "Fuentes",
    .paragraph_sentence = "p\u00E1rrafo {}, oraci\u00F3n {}",
    .to_sentence = " hasta la oraci\u00F3n {}",
    .to = " hasta el ",
    .map = "Mapa",
    .claims = "Afirmaciones",
    .hover_hint = "Pase el cursor o toque una zona para ver sus afirmaciones y las palabras de la fuente en que se "
                  "basan.",
    .scaffold_subtitle = "Zonas tal como las describe un texto",
    .decimal_mark = ",",
    .coordinate_sides = {"N", "E", "S", "O"},
    .degrees = "{}\u00B0\u00A0{}",
    .scale_note = "escala {}",
    .scale_bar_title = "Barra de escala, {}",
    .true_at = "exacta en {}",
    .true_at_centre = "exacta en el centro del mapa",
    .north_arrow_title = "Flecha del norte (norte geogr\u00E1fico)",
    .locator_title = "Mapa de situaci\u00F3n: la extensi\u00F3n del mapa en su regi\u00F3n",
    .detail_title = "Detalle: el \u00E1rea enmarcada, ampliada {} veces",
    .claim_marker_title = "Afirmaci\u00F3n {}: ver la lista de citas",
    .conflict_title = "Afirmaciones en conflicto: {} / {}",
    .contested_title = "Disputada entre fuentes: {}",
    .continued_sheet_title = "{} \u2014 citas (continuaci\u00F3n), {}",
    .sheet_of = "hoja {} de {}",
    .alt_map = "Mapa: {}. ",
    .alt_claim = "{} ({}, afirmaci\u00F3n {}). ",
    .alt_conflict = "Afirmaciones en conflicto donde se superponen {} y {}. ",
    .more = "{} m\u00E1s",
    .pdf_subject = "Afirmaciones citadas de: {}",
    .pdf_keywords = "mapa, citas, {}",
    .dropped_articles = "",
};

constexpr const PanelWords* kLanguages[] = {&kEnglish, &kFrench, &kGerman, &kSpanish};

} // namespace

const PanelWords& english_words() { return kEnglish; }

const PanelWords* find_panel_words(std::string_view code) {
    for (const PanelWords* w : kLanguages)
        if (w->code == code)
            return w;
    return nullptr;
}

const PanelWords& panel_words(std::string_view code) {
    const PanelWords* w = find_panel_words(code);
    return w ? *w : kEnglish;
}

std::string known_panel_languages() {
    std::string out;
    for (const PanelWords* w : kLanguages)
        out += (out.empty() ? "" : ", ") + std::string(w->code) + " (" + std::string(w->name) + ")";
    return out;
}

std::string_view modality_word(const PanelWords& w, Modality m) {
    return w.modality.at(static_cast<std::size_t>(m));
}

std::string attribution_name(const PanelWords& w, std::string_view who) {
    const std::size_t space = who.find(' ');
    if (space == std::string_view::npos || space + 1 == who.size())
        return std::string(who); // a name that is an article alone stays
    std::string first(who.substr(0, space));
    first[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(first[0]))); // "Die Polizei" too
    for (std::string_view rest = w.dropped_articles; !rest.empty();) {
        const std::size_t end = std::min(rest.find(' '), rest.size());
        if (rest.substr(0, end) == first)
            return std::string(who.substr(space + 1));
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    return std::string(who);
}

std::string attributed(const PanelWords& w, Modality m, std::string_view who, bool capital) {
    std::string modality(modality_word(w, m));
    if (capital) // every table's modality starts with an ASCII letter
        modality[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(modality[0])));
    return fill(w.attributed, {modality, attribution_name(w, who)});
}

std::string decimal_number(double v, const PanelWords& w) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    std::string out;
    for (const char* c = buf; *c; ++c)
        *c == '.' ? out += w.decimal_mark : out += *c;
    return out;
}

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    auto arg = args.begin();
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern.compare(i, 2, "{}") == 0 && arg != args.end()) {
            out += *arg++;
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

std::string format_date(const std::string& iso, const PanelWords& w) {
    const auto month = [&](std::size_t at) { return std::atoi(iso.substr(at, 2).c_str()); };
    if (iso.size() == 7 && iso[4] == '-') { // a year and month: "May 2024", like the full dates
        const int m = month(5);
        return m >= 1 && m <= 12 ? fill(w.month_year, {w.months[static_cast<std::size_t>(m - 1)], iso.substr(0, 4)})
                                 : iso;
    }
    if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-')
        return iso;
    const int m = month(5), d = month(8);
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return iso;
    const std::string day = d == 1 && !w.first_day.empty() ? std::string(w.first_day) : std::to_string(d);
    return fill(w.date, {day, w.months[static_cast<std::size_t>(m - 1)], iso.substr(0, 4)});
}

std::string claim_period(const PanelWords& w, const std::string& since, const std::string& until) {
    if (!since.empty() && !until.empty())
        return fill(w.from_to, {format_date(since, w), format_date(until, w)});
    if (!since.empty())
        return fill(w.since, {format_date(since, w)});
    if (!until.empty())
        return fill(w.until, {format_date(until, w)});
    return {};
}

} // namespace citemap
