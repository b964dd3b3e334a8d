/// Built-in word lists: honorifics, pronouns, common first names by gender,
/// nicknames, and capitalised words that are never people.
enum NameLexicon {
    /// Abbreviations whose period does not end a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "messrs", "mme", "mlle", "prof", "capt", "col", "gen", "lt", "sgt", "rev",
        "hon", "jr", "sr", "esq", "mt", "ft", "no", "vs", "etc", "maj", "gov", "sen", "rep", "insp", "supt",
    ]

    /// Titles before a name, with the gender they imply.
    static let honorifics: [String: Gender] = [
        "mr": .male, "mr.": .male, "mister": .male, "sir": .male, "lord": .male, "master": .male,
        "mrs": .female, "mrs.": .female, "miss": .female, "ms": .female, "ms.": .female, "lady": .female,
        "madame": .female, "mme.": .female, "madam": .female, "mademoiselle": .female, "mlle.": .female,
        "dame": .female, "aunt": .female, "auntie": .female, "uncle": .male, "king": .male, "queen": .female,
        "prince": .male, "princess": .female, "duke": .male, "duchess": .female, "count": .male,
        "countess": .female, "baron": .male, "baroness": .female, "father": .male, "mother": .female,
        "brother": .male, "sister": .female, "monsieur": .male, "herr": .male, "frau": .female, "signor": .male,
        "signora": .female, "don": .male, "dona": .female, "grandma": .female, "grandpa": .male, "granny": .female,
        "dr": .unknown, "dr.": .unknown, "doctor": .unknown, "professor": .unknown, "prof.": .unknown,
        "captain": .male, "capt.": .male, "colonel": .male, "col.": .male, "major": .male, "general": .male,
        "gen.": .male, "lieutenant": .male, "lt.": .male, "sergeant": .male, "sgt.": .male, "corporal": .male,
        "admiral": .male, "inspector": .male, "insp.": .male, "constable": .male, "detective": .unknown,
        "officer": .unknown, "judge": .unknown, "reverend": .male, "rev.": .male, "parson": .male,
        "bishop": .male, "cardinal": .male, "squire": .male, "saint": .unknown, "st.": .unknown,
        "old": .unknown, "young": .unknown, "little": .unknown, "poor": .unknown, "dear": .unknown,
    ]

    /// Honorifics that only stand before a name (so `Miss Bennet` is a name but `the Queen` needs `the`).
    static func isHonorific(_ lower: String) -> Bool {
        guard let gender = honorifics[lower] else { return false }
        _ = gender
        return !["old", "young", "little", "poor", "dear"].contains(lower)
    }

    static let malePronouns: Set<String> = ["he", "him", "his", "himself"]
    static let femalePronouns: Set<String> = ["she", "her", "hers", "herself"]

    /// Pronouns that can be the subject of a speech verb.
    static let subjectPronouns: [String: Gender] = ["he": .male, "she": .female]

    /// Nouns that name a person of a gender ("said his wife", "the old gentleman cried").
    static let genderedNouns: [String: Gender] = [
        "man": .male, "gentleman": .male, "husband": .male, "father": .male, "boy": .male, "lad": .male,
        "brother": .male, "son": .male, "uncle": .male, "nephew": .male, "king": .male, "prince": .male,
        "lord": .male, "sir": .male, "fellow": .male, "master": .male, "grandfather": .male, "duke": .male,
        "youth": .male, "squire": .male, "gentlemen": .male, "chap": .male, "papa": .male, "monk": .male,
        "priest": .male, "waiter": .male, "butler": .male, "landlord": .male, "beadle": .male, "jew": .male,
        "woman": .female, "lady": .female, "wife": .female, "mother": .female, "girl": .female, "lass": .female,
        "sister": .female, "daughter": .female, "aunt": .female, "niece": .female, "queen": .female,
        "princess": .female, "duchess": .female, "grandmother": .female, "mistress": .female, "maid": .female,
        "widow": .female, "dame": .female, "mama": .female, "mamma": .female, "matron": .female,
        "landlady": .female, "housekeeper": .female, "nurse": .female, "governess": .female, "bride": .female,
    ]

    /// Nouns that can head a descriptive speaker ("the stranger", "his companion").
    static let personNouns: Set<String> = [
        "stranger", "visitor", "companion", "friend", "doctor", "child", "voice", "other", "servant", "clerk",
        "driver", "officer", "inspector", "detective", "soldier", "sailor", "captain", "colonel", "old",
        "young", "speaker", "newcomer", "host", "hostess", "guest", "prisoner", "coachman", "porter", "boatman",
        "magistrate", "judge", "lawyer", "surgeon", "teacher", "schoolmaster", "pupil", "student", "cousin",
        "parent", "baby", "partner", "assistant", "man", "woman",
    ]

    /// Capitalised words that are not names even mid-sentence.
    static let nonNames: Set<String> = [
        "i", "i'm", "i'll", "i've", "i'd", "o", "oh", "ah", "mr", "mrs", "miss", "sir", "god", "heaven", "heavens",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "christmas", "easter", "english", "french", "german", "london", "england", "paris", "america", "lord",
        "chapter", "part", "book", "volume", "yes", "no", "ay", "aye", "well", "now", "why", "what", "hush",
        "amen", "mamma", "papa", "ma", "pa", "ma'am", "madam", "bah", "hullo", "hallo", "hello", "good", "dear",
        "thank", "thanks", "please", "pray", "alas", "indeed", "nay", "mister", "ha", "eh", "hey", "hm", "hmm",
        "christian", "bible", "street", "road", "lane", "square", "park", "hall", "house", "court", "church",
        "end", "the", "a", "an", "and", "but", "or", "if", "then", "so", "as", "when", "where",
        "mon", "dieu", "la", "le", "de", "du", "des", "von", "van", "ok", "okay", "tv", "la", "ny", "usa", "uk",
    ]

    /// Words that open sentences with a capital but never name anyone ("Amidst", "Perhaps", "Poor").
    static let functionWords: Set<String> = Set(
        """
        after although amid amidst among amongst as at because before behind beside besides between beyond but by \
        despite during even every except for from how however if in inside instead into just like meanwhile near \
        nevertheless next nor not nothing now of off on once only onto or outside over perhaps since so some still \
        such than that then there these they this those though through throughout thus till to too toward towards \
        under unless until up upon we what whatever when whenever where wherever whether which while who whom \
        whose why with within without yet you your he she it his her its our their my one all both each few many \
        more most much no none several any another other here back suddenly slowly later soon finally again almost \
        also always never often sometimes usually yes well oh ah alas poor good old young little great let let's \
        there's it's that's what's here's don't didn't can't won't isn't wasn't i'm i've i'll i'd you're we're \
        they're he's she's somebody someone something everybody everyone everything nobody anybody anyone \
        anything whoever meantime afterwards besides indeed certainly surely presently instantly immediately \
        having being seeing looking hearing turning taking getting going coming thank thanks please sorry \
        hello goodbye hallo hullo mind look listen come go stop wait see tell say give take yesterday today \
        tomorrow tonight morning evening night day
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Common English first names whose gender is clear, for names with no pronoun evidence.
    static let firstNameGender: [String: Gender] = {
        var table: [String: Gender] = [:]
        let female = """
            mary anna emma elizabeth margaret minnie ida alice bertha sarah annie clara ella florence cora martha \
            laura nellie grace carrie maude mabel bessie jennie gertrude julia hattie edith mattie rose catherine \
            lillian ada lillie helen jessie louise ethel lula myrtle eva frances lena lucy edna maggie jane \
            ellen emily dora susan kate nancy anne ann harriet charlotte caroline lydia kitty georgiana fanny \
            marianne eleanor amelia rebecca rachel ruth esther hannah judith leah diana matilda agnes beatrice \
            cecilia cecily sophia sophie isabella isabel eliza lizzy lizzie betsy betty molly polly sally nancy \
            marie maria barbara dorothy virginia patricia linda karen lisa sandra donna michelle \
            jennifer jessica amanda ashley emma olivia ava mia chloe zoe lily natasha olga \
            katherine kathleen kathy cathy judy joan joanna jean jeanne josephine julie juliet violet daisy \
            hazel irene iris ivy jane janet jenny joy june kitty lottie louisa lucinda madeline mildred miriam \
            nora norah olive pauline phoebe priscilla rosa rosie sara sylvia theresa teresa ursula vera \
            victoria winifred diana penelope prudence letitia henrietta jemima arabella augusta honoria \
            lavinia ophelia portia rosalind viola wilhelmina bella nell nelly peggy meg maggie madge
            """
        let male = """
            john william james charles george frank joseph thomas henry robert edward harry walter arthur fred \
            albert samuel david louis joe charlie clarence richard andrew daniel ernest will jesse oscar lewis \
            peter benjamin frederick willie alfred sam roy herbert jacob tom elmer carl lee howard martin \
            michael bert herman jim francis harvey earl eugene ralph ed claude edwin ben charley paul edgar \
            isaac otto luther lawrence ira patrick guy oliver theodore hugh clyde alexander august floyd homer \
            jack leonard horace marion philip allen archie stephen chester willis raymond rufus warren jessie \
            milton alex leo julius ray sidney bernard dan jerry calvin perry dave anthony eddie amos dennis \
            clifford leroy wesley alonzo garfield franklin emil leon nathan harold matthew levi moses everett \
            lester winfield adam lloyd mack fredrick jay jess melvin noah aaron alvin norman gilbert elijah \
            victor gus nelson jasper silas jake christopher mike percy adolph maurice cornelius felix reuben \
            wallace claud roscoe sylvester earnest hiram otis simon willard irvin mark jose wilbur abraham \
            virgil clinton elbert leslie marshall owen wiley anton morris manuel phillip augustus emmett eli \
            nicholas wilson alva harley newton timothy marvin ross curtis edmund jeff elias harrison stanley \
            columbus lon ora ollie russell pearl solomon arch asa clayton enoch irving mathew nathaniel scott \
            hubert lemuel andy ellis emanuel joshua millard vernon wade cyrus miles rudolph sherman austin bill \
            chris dick gideon toby jonathan bob bobby tony tim ted teddy ned neddy nick kit hal jem jos \
            matthew gilbert josiah ebenezer jeremiah zachary barnaby rodolph rupert cecil percival reginald \
            algernon basil cuthbert dudley egbert godfrey humphrey jasper lancelot montague nigel oswald \
            quentin roderick sebastian tristram vincent wilfred
            """
        for name in female.split(whereSeparator: \.isWhitespace) { table[String(name)] = .female }
        for name in male.split(whereSeparator: \.isWhitespace) where table[String(name)] == nil {
            table[String(name)] = .male
        }
        for name in ["jessie", "pearl", "ora", "marion"] { table[name] = nil }  // used for both
        return table
    }()

    /// Common English nicknames and the formal names they stand for.
    static let nicknames: [String: [String]] = [
        "lizzy": ["elizabeth"], "lizzie": ["elizabeth"], "eliza": ["elizabeth"], "liz": ["elizabeth"],
        "beth": ["elizabeth"], "betsy": ["elizabeth"], "betty": ["elizabeth"], "bess": ["elizabeth"],
        "bessie": ["elizabeth"], "libby": ["elizabeth"], "lisa": ["elizabeth"],
        "bob": ["robert"], "bobby": ["robert"], "rob": ["robert"], "robin": ["robert"],
        "bert": ["robert", "albert", "herbert"],
        "bill": ["william"], "billy": ["william"], "will": ["william"], "willy": ["william"], "willie": ["william"],
        "jack": ["john"], "johnny": ["john"], "jim": ["james"], "jimmy": ["james"], "jem": ["james", "jeremiah"],
        "tom": ["thomas"], "tommy": ["thomas"], "dick": ["richard"], "rick": ["richard"], "harry": ["henry", "harold"],
        "hal": ["henry"], "ned": ["edward", "edmund"], "ted": ["edward", "theodore"], "teddy": ["edward", "theodore"],
        "eddie": ["edward"], "charlie": ["charles"], "charley": ["charles"], "chuck": ["charles"],
        "sam": ["samuel"], "sammy": ["samuel"], "ben": ["benjamin"], "benny": ["benjamin"], "joe": ["joseph"],
        "joey": ["joseph"], "nick": ["nicholas"], "tony": ["anthony"], "andy": ["andrew"], "drew": ["andrew"],
        "dan": ["daniel"], "danny": ["daniel"], "dave": ["david"], "davy": ["david"], "fred": ["frederick", "alfred"],
        "freddy": ["frederick"], "frank": ["francis"], "frankie": ["francis"], "geoff": ["geoffrey"],
        "greg": ["gregory"], "jerry": ["gerald", "jeremiah"], "larry": ["lawrence"], "matt": ["matthew"],
        "mike": ["michael"], "mick": ["michael"], "nat": ["nathaniel"], "pat": ["patrick", "patricia"],
        "pete": ["peter"], "phil": ["philip"], "ray": ["raymond"], "ron": ["ronald"], "steve": ["stephen", "steven"],
        "tim": ["timothy"], "walt": ["walter"], "wally": ["walter"], "kit": ["christopher", "katherine"],
        "kate": ["katherine", "catherine"], "katie": ["katherine", "catherine"], "kitty": ["katherine", "catherine"],
        "cathy": ["catherine"], "kathy": ["katherine"], "peggy": ["margaret"], "meg": ["margaret"],
        "maggie": ["margaret"], "madge": ["margaret"], "daisy": ["margaret"], "molly": ["mary"], "polly": ["mary"],
        "mamie": ["mary"], "sally": ["sarah"], "sadie": ["sarah"], "nell": ["eleanor", "helen", "ellen"],
        "nelly": ["eleanor", "helen", "ellen"], "nellie": ["eleanor", "helen", "ellen"],
        "annie": ["anne", "anna", "ann"],
        "nan": ["anne", "ann"], "nancy": ["anne", "ann"], "jenny": ["jane", "jennifer"], "jennie": ["jane"],
        "janey": ["jane"], "fanny": ["frances"], "franny": ["frances"], "sukey": ["susan"], "sue": ["susan"],
        "susie": ["susan"], "dolly": ["dorothy"], "dot": ["dorothy"], "patty": ["martha", "patricia"],
        "mattie": ["martha", "matilda"], "tilly": ["matilda"], "milly": ["mildred", "amelia"],
        "emmy": ["emma", "emily"],
        "lottie": ["charlotte"], "lotty": ["charlotte"], "letty": ["letitia"], "becky": ["rebecca"],
        "georgy": ["georgiana", "george"], "gussie": ["augusta", "augustus"], "sophy": ["sophia"],
        "tess": ["tessa", "theresa"],
        "tessie": ["tessa", "theresa"], "trudy": ["gertrude"], "winnie": ["winifred"], "rosie": ["rose", "rosa"],
        "toby": ["tobias"], "noll": ["oliver"], "ollie": ["oliver"], "sasha": ["alexandra", "alexander"],
        "alex": ["alexander", "alexandra"], "sandy": ["alexander", "alexandra"], "di": ["diana"], "abby": ["abigail"],
    ]
}
