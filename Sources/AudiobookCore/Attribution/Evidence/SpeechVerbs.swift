/// Verbs that introduce or follow speech ("said", "whispers", "cried"), in all their inflections.
enum SpeechVerbs {
    /// Base forms; regular inflections are made from them.
    static let bases = """
        say ask reply answer cry exclaim shout whisper murmur mutter call continue add begin return observe \
        remark respond retort rejoin declare demand inquire enquire insist interrupt protest repeat scream \
        yell snap sigh laugh groan moan sob gasp breathe growl hiss roar bellow stammer stutter plead beg \
        urge suggest explain announce admit agree argue assure chuckle giggle grunt grumble complain venture \
        persist pursue resume conclude interpose note warn wonder tell inform mention counter object \
        acknowledge confess concede proceed shriek squeak whimper wail howl bark purr drawl lisp mumble \
        sneer snarl scoff tease joke quip chirp croak reason remind reassure promise order command instruct \
        speak utter pronounce echo blurt sing recite read muse hazard prompt coax soothe console correct \
        finish start state assert affirm maintain contend vow swear falter burst chime cut break go put \
        thunder squeal pant puff stammer simper smile grin nod sniff snort wheeze rasp croon bawl blubber \
        titter cackle guffaw lament mourn pray entreat implore beseech query question interject remonstrate \
        expostulate ejaculate vociferate exclaim cough choke hesitate gulp whistle trill sputter splutter \
        jeer taunt mock chide scold rebuke reprove admonish caution advise counsel greet hail welcome \
        introduce propose offer volunteer cheer boom rumble grate bleat whine fret gabble jabber babble \
        prattle chatter confide concur assent demur insinuate observe opine opine predict reflect remember \
        recall rejoice respond retort summon think write
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Forms a simple rule would get wrong.
    static let irregular: [String: String] = [
        "said": "say", "says": "say", "saying": "say", "told": "tell", "spoke": "speak", "spoken": "speak",
        "began": "begin", "begun": "begin", "beginning": "begin", "thought": "think", "wrote": "write",
        "written": "write", "read": "read", "sang": "sing", "sung": "sing", "swore": "swear", "sworn": "swear",
        "went": "go", "goes": "go", "broke": "break", "broken": "break", "put": "put", "putting": "put",
        "cut": "cut", "cutting": "cut", "burst": "burst", "snapped": "snap", "snapping": "snap", "sobbed": "sob",
        "sobbing": "sob", "begged": "beg", "begging": "beg", "stopped": "stop", "grinned": "grin",
        "grinning": "grin", "nodded": "nod", "nodding": "nod", "chatted": "chat", "admitted": "admit",
        "admitting": "admit", "committed": "commit", "jabbered": "jabber", "interjected": "interject",
        "fretted": "fret", "fretting": "fret", "rebuked": "rebuke", "ejaculated": "ejaculate",
        "cries": "cry", "cried": "cry", "replies": "reply", "replied": "reply", "queries": "query",
        "queried": "query", "hurried": "hurry",
    ]

    /// Verbs that take a particle to mean speech: "went on", "broke in", "put in", "cut in", "burst out".
    static let phrasal: [String: Set<String>] = [
        "go": ["on"], "break": ["in", "out", "forth"], "put": ["in"], "cut": ["in"], "burst": ["out", "forth"],
        "chime": ["in"], "call": ["out"], "cry": ["out"], "speak": ["up", "out"],
    ]

    /// Verbs that only count with their particle.
    static let needsParticle: Set<String> = ["go", "break", "put", "cut", "burst", "chime"]

    /// Beats rather than speech: they point to the speaker only next to a quote.
    static let weak: Set<String> = [
        "smile", "grin", "nod", "laugh", "sigh", "sniff", "snort", "cough", "choke", "hesitate", "gulp",
        "whistle", "think", "write", "read", "remember", "recall", "wonder", "reflect", "start", "finish",
        "pant", "puff",
    ]

    static let table: [String: String] = {
        var table: [String: String] = [:]
        for base in bases {
            table[base] = base
            for form in inflections(of: base) where table[form] == nil { table[form] = base }
        }
        for (form, base) in irregular { table[form] = base }
        return table
    }()

    static func inflections(of base: String) -> [String] {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        var forms: [String] = []
        if base.hasSuffix("e") {
            forms += [base + "s", base + "d", String(base.dropLast()) + "ing"]
        } else if base.hasSuffix("y"), let before = base.dropLast().last, !vowels.contains(before) {
            let stem = base.dropLast()
            forms += [stem + "ies", stem + "ied", base + "ing"]
        } else if base.hasSuffix("s") || base.hasSuffix("sh") || base.hasSuffix("ch") || base.hasSuffix("x") {
            forms += [base + "es", base + "ed", base + "ing"]
        } else {
            forms += [base + "s", base + "ed", base + "ing"]
        }
        return forms
    }

    /// The base form when the word is a speech verb.
    static func base(of word: String) -> String? { table[word] }
}
