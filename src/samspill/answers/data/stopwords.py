"""Function words left out of the answer finder's index and queries (bokmål, nynorsk, Danish,
Swedish, English). Based on the Snowball project's stop word lists, trimmed: particles that carry
meaning in the field's phrases ("gi ut", "melde på", "inn") are kept as words.
"""

NORWEGIAN = set(
    ["og", "i", "jeg", "det", "at", "en", "et", "den", "til", "er", "som", "på", "de", "med", "han", "av", "ikke", "ikkje", "der", "så", "var", "meg", "seg", "men", "ett", "har", "om", "vi", "min", "mitt", "ha", "hadde", "hun", "nå", "over", "da", "ved", "fra", "du", "dere", "deg", "din", "ditt", "dine", "deres", "sin", "sitt", "sine", "kan", "skal", "vil", "må", "kunne", "skulle", "ville", "måtte", "bli", "ble", "blitt", "blir", "være", "vært", "er", "var", "eller", "hva", "kva", "hvem", "kven", "hvor", "kor", "korleis", "hvordan", "hvorfor", "kvifor", "når", "hvis", "viss", "dersom", "fordi", "enn", "også", "noe", "noko", "noen", "nokon", "nokre", "alle", "all", "alt", "hver", "kvar", "kvart", "mye", "mykje", "mange", "fleire", "flere", "dette", "denne", "disse", "desse", "det", "den", "dei", "dem", "eg", "ho", "hennar", "henne", "hans", "honom", "han", "oss", "vår", "vårt", "våre", "eit", "ein", "ei", "eitt", "ingen", "inga", "ingi", "ikkje", "ikke", "seg", "sjølv", "selv", "bare", "berre", "enda", "sidan", "siden", "mellom", "mot", "etter", "før", "under", "opp", "mot", "hos", "uten", "utan", "slik", "sånn", "sånt", "både", "begge", "hva", "slags", "gjelder", "gjeld", "få", "fått", "får", "meir", "mer", "mest", "mykje", "veldig", "ja", "nei", "hei", "hallo", "takk"]
)

DANISH = set(
    ["og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "på", "de", "med", "han", "af", "for", "ikke", "der", "var", "mig", "sig", "men", "et", "har", "om", "vi", "min", "havde", "ham", "hun", "nu", "over", "da", "fra", "du", "ud", "sin", "dem", "os", "op", "man", "hans", "hvor", "eller", "hvad", "skal", "selv", "her", "alle", "vil", "blev", "kunne", "ind", "når", "være", "dog", "noget", "ville", "jo", "deres", "efter", "ned", "skulle", "denne", "end", "dette", "mit", "også", "under", "have", "dig", "anden", "hende", "mine", "alt", "meget", "sit", "sine", "vor", "mod", "disse", "hvis", "din", "nogle", "hos", "blive", "mange", "ad", "bliver", "hendes", "været", "thi", "jer", "sådan", "hvordan", "hvorfor", "hvilken", "hvilke", "hvem", "gælder", "får", "fået", "mere", "mest", "bare", "ja", "nej", "hej", "tak"]
)

SWEDISH = set(
    ["och", "det", "att", "i", "en", "jag", "hon", "som", "han", "på", "den", "med", "var", "sig", "för", "så", "till", "är", "men", "ett", "om", "hade", "de", "av", "icke", "mig", "du", "henne", "då", "sin", "nu", "har", "inte", "hans", "honom", "skulle", "hennes", "där", "min", "man", "ej", "vid", "kunde", "något", "från", "ut", "när", "efter", "upp", "vi", "dem", "vara", "vad", "över", "än", "dig", "kan", "sina", "här", "ha", "mot", "alla", "under", "någon", "eller", "allt", "mycket", "sedan", "ju", "denna", "själv", "detta", "åt", "utan", "varit", "hur", "ingen", "mitt", "ni", "bli", "blev", "oss", "din", "dessa", "några", "deras", "blir", "mina", "samma", "vilken", "er", "sådan", "vår", "blivit", "dess", "inom", "mellan", "sånt", "varför", "varje", "vilka", "ditt", "vem", "vilket", "sitta"]
)

ENGLISH = set(
    ["a", "an", "the", "and", "or", "but", "if", "of", "at", "by", "for", "with", "about", "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "in", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too", "very", "can", "will", "just", "should", "now", "i", "me", "my", "myself", "we", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do", "does", "did", "doing", "would", "could", "as", "until", "while"]
)

STOPWORDS = NORWEGIAN | DANISH | SWEDISH | ENGLISH
