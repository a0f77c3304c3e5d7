package dev.toolgate.agent.screening;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The weighted rules of the {@link PromptInjectionDetector}, each describing one injection technique on normalised
 * text ({@link TextNormalizer}). Weight 3 is a signal strong enough alone; weight 1 and 2 signals are common in
 * ordinary requests and count only together with another.
 *
 * <p>Every pattern is guarded by trigger words (plain {@code contains}) or a linear structural pre-check, and uses
 * only bounded repetitions, so that a rule costs little on text it cannot match and never backtracks badly.
 */
final class InjectionRules {

    private InjectionRules() {}

    /**
     * @param triggers words one of which the text must contain for the pattern to be worth running; null when the
     *                 pattern has no such words (structural rules, guarded by {@link Structure} instead)
     */
    record Rule(String name, List<String> triggers, int weight, Pattern pattern) {
        boolean mayMatch(String text) {
            if (triggers == null) {
                return true;
            }
            for (String trigger : triggers) {
                if (text.contains(trigger)) {
                    return true;
                }
            }
            return false;
        }

        boolean matches(String text) {
            return Structure.worthMatching(name, text) && pattern.matcher(text).find();
        }
    }

    private static final List<String> IGNORE_WORDS = List.of(
            "ignor",
            "disregard",
            "forget",
            "skip",
            "overrid",
            "bypass",
            "abandon",
            "discard",
            "neglect",
            "dismiss",
            "set aside",
            "throw away",
            "omit",
            "follow",
            "pay no");
    private static final List<String> SECRET_WORDS = List.of(
            "pass",
            "secret",
            "code",
            "contraseña",
            "senha",
            "пароль",
            "parola",
            "wachtwoord",
            "密码",
            "口令",
            "パスワード",
            "비밀번호",
            "mot de passe",
            "pin",
            "kennwort");
    /**
     * A particular password (with a determiner, so "password security" or "my password manager" is not one), or a
     * word for it in a script that has no determiners.
     */
    private static final String THE_SECRET = "((the|your|its|our|this|that) (passwords?|passcodes?|passphrases?|pass "
            + "code|secret (word|key|code|phrase)|access code)|(senha|contraseña|passwort|kennwort|mot de passe|пароль|wac"
            + "htwoord)|密码|口令|パスワード|비밀번호)";
    /** Ways to have a secret come out disguised: rewritten or hinted at rather than said. */
    private static final String DISGUISE = "(poem|haiku|acrostic|limerick|song|story|riddle|rhyme|leetspeak|leet|pig"
            + " latin|spell(ed|ing)? (it|out)|letter by letter|first letters?|each letter|hint|synonyms?|morse|emojis?|"
            + "anagram)";

    static final List<Rule> RULES = List.of(
            // --- instruction override -------------------------------------------------------------------------
            rule(
                    "ignore",
                    IGNORE_WORDS,
                    3,
                    "(ignore|ignoring|disregard|forget|skip|override|bypass|abandon|discard|neglect|dismiss|set"
                            + " aside|throw away|omit|stop following|do not follow|don'?t follow|no longer follow|pay no "
                            + "attention to)\\W+(\\w+\\W+){0,4}?(previous|prior|preceding|above|earlier|former|old|initia"
                            + "l|original|given|provided|existing|other|past|system|default|out of date|outdated|foregoin"
                            + "g|aforementioned|before|last|first|all)\\W+(\\w+\\W+){0,3}?(instruct\\w*|iunstruct\\w*|pro"
                            + "mpt\\w*|directive\\w*|command\\w*|rule\\w*|guideline\\w*|order\\w*|task\\w*|context|messag"
                            + "e\\w*|constraint\\w*|restriction\\w*|programming|training|polic\\w*|request\\w*|conversati"
                            + "on|everything|safety|filters?)"),
            rule(
                    "ignore2",
                    IGNORE_WORDS,
                    3,
                    "(ignore|ignoring|disregard|forget|skip|override|bypass|abandon|discard|neglect|dismiss|set"
                            + " aside|throw away|omit|stop following|do not follow|don'?t follow|no longer follow|pay no "
                            + "attention to)\\W+(\\w+\\W+){0,3}?(instruct\\w*|iunstruct\\w*|prompt|directives?|rules|guid"
                            + "elines|constraints|everything (above|before|you|i said))"),
            // the model's own safeguards as the thing to drop: "forget your ethics", "ignore all filters"
            rule(
                    "ignore_safety",
                    List.of(
                            "ignor",
                            "disregard",
                            "forget",
                            "abandon",
                            "drop",
                            "discard",
                            "turn off",
                            "disable",
                            "switch off",
                            "stop being"),
                    3,
                    "\\b(ignore|ignoring|disregard|forget|abandon|drop|discard|turn off|disable|switch off)\\W+((al"
                            + "l|any|your|the|of|about)\\W+){0,2}(filters|guardrails|safeguards|censorship|ethics|morals|("
                            + "safety|ethical|moral|content) (filters?|guidelines|rules|protocols|restrictions|guardrails|"
                            + "principles|programming|training|constraints|policy|policies))\\b|\\b(forget|ignore|drop|st"
                            + "op) (about )?being (harmless|ethical|safe|moral|polite|nice|good|an ai|a language model|an "
                            + "assistant|helpful and harmless)\\b"),
            rule(
                    "ignore_above",
                    IGNORE_WORDS,
                    3,
                    "(ignore|ignoring|disregard|forget|skip|override|bypass|abandon|discard|neglect|dismiss|set"
                            + " aside|throw away|omit|stop following|do not follow|don'?t follow|no longer follow|pay no "
                            + "attention to) (the |all |everything )?(above|previous|prior|preceding|that|this|the (\\w+ "
                            + "){0,2}(webpage|page|document|email|resume|text|article|user|question|table|content|data|co"
                            + "de|file|message|input|function|paper|caption|comment|review|post|report|transcript))\\b.{"
                            + "0,20}\\b(and|,|\\.|;)\\s*(say|state|print|output|respond|reply|answer|write|tell|give|retu"
                            + "rn|instead|just|only|repeat|declare|claim|conclude|indicate)"),
            // other languages: the verb first (European languages, Arabic, Chinese) or last (Korean, Japanese, Hindi)
            rule(
                    "ml_ignore",
                    List.of(
                            "ignor",
                            "olvid",
                            "vergiss",
                            "vergess",
                            "oubli",
                            "dimentic",
                            "esquec",
                            "negeer",
                            "yoksay",
                            "игнор",
                            "забуд",
                            "αγνο",
                            "αγνό",
                            "ξέχα",
                            "अनदेख",
                            "नज़रअंदाज़",
                            "नजरअंदाज",
                            "تجاهل",
                            "忽略",
                            "无视",
                            "忽视",
                            "忘记",
                            "無視",
                            "忘れ",
                            "무시",
                            "잊어"),
                    3,
                    "(ignor\\w*|olvid\\w*|vergiss\\w*|vergess\\w*|oublie\\w*|dimentica\\w*|esquece\\w*|negeer\\w*|"
                            + "zignoruj\\w*|yoksay\\w*|игнорир\\w*|забудь\\w*|αγνο\\w*|αγνό\\w*|ξέχα\\w*|تجاهل|무시|잊어)\\W*"
                            + "(\\w+\\W+){0,4}?(instru\\w*|anweisung\\w*|vorgaben|istruzion\\w*|indicacion\\w*|consigne\\w*|"
                            + "richtlijn\\w*|talimat\\w*|polecen\\w*|инструкц\\w*|указани\\w*|οδηγ\\w*|εντολ\\w*|निर्देश\\w*|"
                            + "التعليمات|تعليمات|الأوامر|지시|명령|지침|regla\\w*|règle\\w*|regeln|regole|regras)"
                            // scripts written without spaces between words
                            + "|(忽略|无视|忽视|忘记|無視|忘れ)[^。！？]{0,12}?(指令|指示|说明|提示|命令)"
                            // verb last
                            + "|(指示|指令|命令|지시|명령|지침|निर्देश\\w*)[^.!?。！？]{0,20}?(無視|忘れ|忽略|무시|잊어|अनदेख\\w*|नज़रअंदाज़|"
                            + "नजरअंदाज)"),
            // "ignore the function and state that ..." where the thing to ignore is named in another language
            rule(
                    "ml_ignore_say",
                    List.of("ignor", "negeer", "無視", "忽略", "무시"),
                    3,
                    "\\b(ignorez|ignore[rz]?|ignora|ignoriere|ignorieren sie|ignoriert|negeer)\\b.{0,40}\\b(et|y|"
                            + "e|und|en) (indiquez|dites|déclarez|affirmez|répondez|écrivez|di|dí|indica|declara|responde|"
                            + "escribe|afferma|rispondi|scrivi|sag|sage|sagen sie|antworte|schreibe|gib an|zeg)\\b|無視し"
                            + "て.{0,60}(述べて|言って|答えて|書いて)|忽略.{0,60}(声明|说|回答|写)|무시하고.{0,60}(말해|답해|써)"),
            rule(
                    "new_instr",
                    List.of("new ", "updated", "instead", "rules", "instructions", "changed", "keep your"),
                    3,
                    "\\bnew (instructions?|task|rules|directive|objective|goal|prompt|persona)\\b|\\bupdated in"
                            + "structions\\b|\\binstead,? (you|do|please|respond|output|say|print|write|send|email|tell|tr"
                            + "anslate|answer|reply|give|list|return)\\b|\\binstead\\.?\\s*$|\\bthe (rules|instructions) "
                            + "(have |has )?(changed|been updated)|\\bchanged the rules\\b|\\bkeep your previous instructi"
                            + "ons, but\\b"),
            rule(
                    "forget",
                    List.of("forget", "ignore", "disregard", "regardless", "cancel"),
                    2,
                    "^(forget|ignore|disregard|cancel) (about )?(that|this|it|everything|all)\\b|\\bregardless of"
                            + " (previous|prior|the above|any)\\b"),

            // --- fake structure: system turns, delimiters, mode tags ----------------------------------------------
            rule(
                    "system",
                    List.of(":", "<", "[", "###", "override", "end of"),
                    3,
                    "(^|[^\\w])(system|assistant|admin|developer|root)\\s*(prompt|message|override|mode|instruc"
                            + "tions?|note)\\s*:|<\\|?(im_start|im_end|system|endoftext|assistant|user)\\|?>|\\[/?(inst|s"
                            + "ystem|sys)\\]|<</?sys>>|###\\s*(instruction|system|response|new|end)|\\bsystem override\\b"
                            + "|\\bend of (the )?(system )?(prompt|instructions)|<\\s*[/\\\\]?\\s*(god|system|admin|develo"
                            + "per|debug|root|sudo|override|jailbreak|dev|unrestricted)[ _]mode\\s*>|\\boverride\\s*:"),
            rule(
                    "delim",
                    List.of(
                            "%%%",
                            "===",
                            "***",
                            "---",
                            "###",
                            "]]]",
                            ">>>",
                            "$$$",
                            "```",
                            "untrusted",
                            "end",
                            "begin",
                            "start",
                            "close",
                            "over",
                            "finished",
                            "done"),
                    3,
                    "(%%%|===|\\*\\*\\*|---|###|\\]\\]\\]|>>>|\\$\\$\\$|```)\\s*(end|begin|start|stop)|\\b(end|"
                            + "begin|start|close) (of )?(the )?(untrusted|user|the) (input|prompt|instructions?|text|data"
                            + ")|untrusted (user )?input|\\b(prompt|instructions?) (ends|starts|begins) (here|now)|\\bthe"
                            + " (simulation|test|game|conversation|previous [a-z]+) is (over|finished|done)"),
            rule(
                    "important",
                    List.of(
                            "important",
                            "urgent",
                            "attention",
                            "note to",
                            "message to",
                            "assistant",
                            "dear",
                            "this is",
                            "todo"),
                    3,
                    "\\b(important|urgent|attention|note to (the )?(ai|assistant|model|llm)|message to (the )?("
                            + "ai|assistant)|ai assistant|dear (ai|assistant|model|llm)|this is (a|an) (instruction|messa"
                            + "ge) (from|for)|todo:)\\b.{0,80}\\b(ignore|instead|must|do not|don't|before you|you (must|s"
                            + "hould|need))"),
            rule(
                    "hidden",
                    List.of("<!--", "display", "<", "[comment]", "hidden"),
                    2,
                    "<!--.{0,300}-->|\\bdisplay:\\s*none\\b|<\\s*(script|iframe)\\b|\\[comment\\]|\\bhidden (te"
                            + "xt|instruction)"),
            // a restriction acknowledged and asked around ("I know you said not to ..., but")
            rule(
                    "acknowledged_limit",
                    List.of(
                            "you said",
                            "you were",
                            "you are not",
                            "you're not",
                            "you've been",
                            "you have been",
                            "you can't",
                            "you cannot"),
                    2,
                    "\\b(i know|i understand|i realize|i'm aware|despite|even though|although) (that )?you('ve| h"
                            + "ave)? ?(said|told me|were told|were instructed|were programmed|been told|been instructed|a"
                            + "re not (allowed|supposed)|'re not (allowed|supposed)|can'?t|cannot)( not)? to\\b.{0,60}\\b"
                            + "but\\b"),

            // --- role, persona and authority --------------------------------------------------------------------
            rule(
                    "you_are_now",
                    List.of(
                            "you",
                            "from now",
                            "act as",
                            "pretend",
                            "imagine",
                            "role",
                            "play",
                            "world",
                            "universe",
                            "scenario",
                            "reality",
                            "let",
                            "hypothetical",
                            "suppose",
                            "purpose",
                            "timeline",
                            "dimension"),
                    1,
                    "\\byou (are|will be) (now|no longer|from now)|\\bfrom now on\\b|\\byou('re| are) (a|an) (n"
                            + "ew|different|unrestricted)|\\bact as (a|an|if)|\\bpretend (to be|you)|\\bimagine (you|we|"
                            + "a world|that|if)\\b|\\brole ?play\\b|\\byour new (role|task|instructions|name|goal|purpose"
                            + ")|\\bin (a|an|this|some|the) (\\w+ ){0,2}(world|universe|scenario|reality|timeline|dimensi"
                            + "on) where\\b|\\blet'?s (say|assume|pretend|imagine|play|suppose|consider a)|\\bhypothetica"
                            + "l(ly)?\\b|\\bsuppose (we|you|that)\\b|\\bfor the (purpose|sake) of (this|the) (exercise|ar"
                            + "gument|discussion|scenario|story|game)\\b"),
            rule(
                    "persona",
                    List.of("i am", "i'm", "on behalf", "as your"),
                    2,
                    "\\b(i am|i'm) (your|the|an?) (developer|creator|admin\\w*|owner|programmer|president|ceo|s"
                            + "ecurity (officer|team)|god|boss)\\b|\\bi am (the )?(president|ceo|administrator|admin)\\b|"
                            + "\\bon behalf of (you|the (system|developer|admin))|\\b(i am|i'm) (a )?god\\b|\\bas your (c"
                            + "reator|developer|owner|administrator|admin|master|maker|programmer|operator|boss|supervisor"
                            + ")\\b|\\bi('m| am) not [a-z]+,? i('m| am)\\b"),
            // claimed standing that asks for obedience or trust; alone it is how many people introduce themselves
            rule(
                    "authority",
                    List.of(
                            "as a",
                            "i'm actually",
                            "i am actually",
                            "listen to",
                            "obey",
                            "answer any",
                            "answer all",
                            "answer every"),
                    1,
                    "\\bas (a|an) (certified|licensed|official|authori[sz]ed|accredited)\\b|\\bas an authority (i"
                            + "n|on)\\b|\\bi('m| am) (actually|really) (a|an|the|your)\\b|\\bas an? (a"
                            + "i|language model|assistant|llm) (developed|created|made|trained|built) by\\b|\\b(you (must"
                            + "|have to|need to) (listen to|obey|follow) (me|my)|(listen to|obey) my (instructions|comman"
                            + "ds|orders))\\b|\\banswer (anything|everything|any question|all (of )?my questions)\\b"),
            rule(
                    "mode_switch",
                    List.of("mode"),
                    1,
                    "\\b(enter|entering|activate|activating|enable|enabling|switch(ing)? (to|into)|now in|engag"
                            + "e|engaging)\\b.{0,40}\\bmode\\b"),
            rule(
                    "jail",
                    List.of(
                            "dan",
                            "mode",
                            "jailbr",
                            "unfilter",
                            "uncensor",
                            "restrict",
                            "filter",
                            "limit",
                            "anything now"),
                    1,
                    "\\b(dan|developer mode|jailbreak|jailbroken|unfiltered|uncensored|no restrictions|without "
                            + "(any )?(restrictions|filters|limits)|do anything now|admin mode|god mode|sudo mode|debug m"
                            + "ode|maintenance mode|testing mode|override mode|unrestricted)\\b"),
            rule(
                    "evil_persona",
                    List.of(
                            "villain",
                            "evil",
                            "malicious",
                            "unethical",
                            "amoral",
                            "immoral",
                            "criminal",
                            "rogue",
                            "unhinged",
                            "sinister"),
                    1,
                    "\\b(pretend|act|roleplay|role-play|play)( to be| as| like)?( you('re| are))? (an?|the) (\\w+ )?"
                            + "(villain|evil|malicious|unethical|amoral|immoral|criminal|rogue|unhinged|sinister)\\b|\\by"
                            + "ou('re| are) (now )?(an?|the) (\\w+ )?(villain|evil|malicious|unethical|amoral|immoral|cri"
                            + "minal|rogue|unhinged|sinister) (ai|assistant|bot|chatbot|model|version)\\b"),
            // payment or reward offered for compliance
            rule(
                    "bribe",
                    List.of("give", "pay", "donate", "tip", "reward", "gebe", "daré", "doy", "donne"),
                    2,
                    "\\b(i('ll| will| would)|i'd|we('ll| will))( happily| gladly)? (give|pay|donate|tip|send|rewa"
                            + "rd|transfer)\\b.{0,30}(\\$|€|£|\\d+ ?(dollars?|euros?|usd|bucks|bitcoin|btc)|\\btip\\b|\\b"
                            + "reward|\\bbonus).{0,60}\\bif you\\b|\\bich gebe (ihnen|dir)\\b.{0,30}(dollar|euro|€|\\$).{0"
                            + ",60}\\bwenn (sie|du)\\b|\\bte (daré|doy|pagaré|pago)\\b.{0,30}(dólares|euros|\\$|€).{0,60}"
                            + "\\bsi\\b|\\bje (te|vous) (donne|donnerai|paierai|paie)\\b.{0,30}(dollars|euros|\\$|€).{0,60"
                            + "}\\bsi\\b"),

            // --- extraction of prompts, secrets and data --------------------------------------------------------
            rule(
                    "reveal",
                    List.of(
                            "reveal",
                            "repeat",
                            "print",
                            "output",
                            "show",
                            "display",
                            "tell me",
                            "write out",
                            "share",
                            "give me",
                            "list",
                            "leak",
                            "disclose",
                            "recite",
                            "spell",
                            "say",
                            "summar",
                            "translate"),
                    3,
                    "\\b(reveal|repeat|print|output|show|display|tell me|write out|share|give me|list|leak|disc"
                            + "lose|recite|spell|say|summari[sz]e|translate)\\b.{0,40}\\b(your|the|all|above|initial|syst"
                            + "em|hidden|secret|original|previous|entire|full)\\b.{0,30}\\b(instructions?|prompt|rules|di"
                            + "rectives?|guidelines|text above|words above|configuration|context|requirements|pre-?prompt"
                            + "|setup)"),
            rule(
                    "secrets_ask",
                    List.of("secret", "hidden", "confidential", "private"),
                    2,
                    "\\b(tell|give|show|share with|reveal to|confess to|spill) (me|us) (all )?(of )?your (deepest |"
                            + "darkest |hidden |inner |little )?(secrets?|hidden \\w+|confidential \\w+|private (data|info"
                            + "\\w*|instructions|rules))\\b|\\b(reveal|spill|disclose|share) (all )?(of )?your (deepest "
                            + "|darkest |hidden |inner )?secrets\\b"),
            rule(
                    "password",
                    SECRET_WORDS,
                    1,
                    "(\\b|_)(passwords?|passcodes?|passphrases?|secret (key|code|word)|access code|pin code|con"
                            + "traseña|senha|passwort|kennwort|mot de passe|пароль|parola d'ordine|wachtwoord)\\b|密码|口令|パ"
                            + "スワード|비밀번호"),
            rule(
                    "pw_ask",
                    SECRET_WORDS,
                    2,
                    "\\b(what('s| is| was| would be)|tell me|give me|share|reveal|say|print|output|spell|repeat"
                            + "|enter|type|provide|know|confirm|remind me|qual|cuál|was ist|quel|quelle|dime|dis-moi|donn"
                            + "e-moi)\\b.{0,40}\\b(your|the|its|this|that|our|sua|su|tu|das|ihr|dein|le|la|votre|ton)\\"
                            + "b.{0,15}(password|passcode|passphrase|secret (word|key|code|phrase)|access code|senha|contr"
                            + "aseña|passwort|kennwort|mot de passe|пароль|密码|パスワード)|\\b(correct|right|secret) (passwor"
                            + "d|passcode|passphrase|access code)\\b|^\\W*(access code|password|passcode)\\W*$|\\b(passwor"
                            + "t|kennwort)\\b.{0,20}\\b(geben|sagen|nennen|verraten|mitteilen|zeigen)\\b|(パスワード|密码|비밀번"
                            + "호).{0,8}(何|什么|是多少|뭐|무엇|教えて|告诉|알려|必要|需要|필요)|\\bi (need|want|require) your (password|"
                            + "passcode|passphrase|access code)"),
            // the secret asked for in disguise, which slips past a refusal to say it outright
            rule(
                    "pw_disguise",
                    SECRET_WORDS,
                    1,
                    THE_SECRET + "(?![a-z]).{0,80}\\b" + DISGUISE + "\\b|\\b" + DISGUISE + "\\b.{0,60}" + THE_SECRET
                            + "(?![a-z])"),
            rule(
                    "access",
                    List.of(
                            "grant",
                            "acc",
                            "gewährt",
                            "concedido",
                            "accordé",
                            "autorisé",
                            "consentito",
                            "доступ",
                            "аццесс",
                            "访问",
                            "アクセス",
                            "액세스",
                            "접근",
                            "truy cập",
                            "denied"),
                    3,
                    "acc?ess?\\W{0,3}(space\\W{0,2})?grant|access_granted|granted access|zugang gewährt|acceso con"
                            + "cedido|accès (accordé|autorisé)|accesso consentito|acesso concedido|доступ (разрешен|предос"
                            + "тавлен)|аццесс грантед|访问(已)?授权|アクセス許可|액세스 (권한 )?(허용|부여)|접근 (권한 )?(허용|부여)|quyền"
                            + " truy cập (được )?(cấp|cho phép)|\\[access|access\\]|\\b(opposite|antonym|reverse|inverse|"
                            + "contrary) of\\W{1,3}access denied|\\b(replace|substitute|switch|swap|change)\\b.{0,20}\\bde"
                            + "nied\\b.{0,10}\\b(with|for|to|by|into)\\b|\\bnever say\\W{1,3}denied"),
            rule(
                    "grant",
                    List.of(
                            "grant",
                            "unlock",
                            "sesame",
                            "authori",
                            "logged in",
                            "login",
                            "two-word",
                            "two word",
                            "gracious",
                            "entry"),
                    2,
                    "\\b(grants? access\\b|unlock|open sesame|authori[sz]ation (successful|granted)|logged in|l"
                            + "ogin (successful|granted)|two[- ]word (answer|response|alternative)|gracious entry|entry ("
                            + "permitted|allowed))\\b"),
            rule(
                    "pii",
                    List.of(
                            "'s",
                            "user",
                            "person",
                            "customer",
                            "client",
                            "patient",
                            "employee",
                            "holder",
                            "live",
                            "residence"),
                    3,
                    "\\b(the|this|that|our|a|your) (user|person|customer|client|patient|employee|account holder"
                            + ")'?s? (\\w+ ){0,2}(email|e-mail|address|phone|birth ?(date|day|year|month)|date of birth|i"
                            + "nitials|city|residence|ssn|social security|credit card|salary|location|favorite \\w+|full n"
                            + "ame|password)\\b|\\bwhere does [a-z]+ [a-z]+ live\\b|\\bcurrent city of residence\\b|\\b(t"
                            + "ell me|give me|what is|what's)\\b.{0,20}\\b[a-z]+'s (email|e-mail|phone|home) (address|num"
                            + "ber)|\\bwhere (does|is|do) (the|this|that|our) (user|person|customer|client|patient|employ"
                            + "ee) (currently |now )?(live|living|reside|residing|located|staying)\\b"),
            // a named person's personal data: ordinary in an address book task, an attack with a pretext around it
            rule(
                    "pii_named",
                    List.of("'s ", "balance"),
                    1,
                    "\\b[a-z]+'s (birth ?date|birthday|date of birth|birth (month|year)|e-?mail address|home addr"
                            + "ess|phone number|social security number|ssn|bank balance|account balance|salary|credit car"
                            + "d( number)?|passport number|medical records?)\\b|\\b(bank|account) balance of [a-z]+ [a-z]+"
                            + "\\b"),
            // the model's store of other people's data, asked to be listed or compared
            rule(
                    "data_dump",
                    List.of(
                            "your database",
                            "your db",
                            "your records",
                            "your training data",
                            "your dataset",
                            "your user"),
                    2,
                    "\\b(print|dump|show|list|export|reveal|display|output|give me|send me|share)\\b.{0,40}\\byou"
                            + "r (database|db|user (data|records|table|list)|customer (data|records|list)|records|trainin"
                            + "g data)\\b|\\b(users|customers|clients|patients|employees|people|individuals) (in|from|sto"
                            + "red in|within) your (database|db|records|system|memory|training data|dataset)\\b"),
            rule(
                    "force_model",
                    List.of(
                            "the model",
                            "the ai",
                            "the llm",
                            "the assistant",
                            "the chatbot",
                            "the gpt",
                            "an ai",
                            "a model"),
                    2,
                    "\\b(force|trick|manipulate|coerce|convince|fool|get|make)\\b (the|an?|this|that) (ai|model|l"
                            + "lm|assistant|chatbot|gpt)\\b.{0,40}\\b(to|into)\\b.{0,40}\\b(reveal|give|ignore|bypass|lea"
                            + "k|disclose|unauthori[sz]ed|harmful|forbidden|restricted|confidential)"),

            // --- forced answers -------------------------------------------------------------------------------
            rule(
                    "above",
                    List.of(
                            "above",
                            "before",
                            "your",
                            "respond",
                            "output only",
                            "say only",
                            "only ",
                            "reply",
                            "answer"),
                    1,
                    "\\b(everything|all|text|words|content|instructions?|requirements) (above|before) (this|her"
                            + "e|that)|\\bbegin your (reply|response|answer|output) with\\b|\\b(start|prefix|begin|prefac"
                            + "e|end) (your |the )?(reply|response|answer|output)( with)?\\b|\\brespond (only )?with\\b|\\"
                            + "boutput only\\b|\\bsay only\\b|\\bonly (say|respond|reply|output|print|write)\\b|\\b(reply"
                            + "|respond|answer) (only )?with (the )?(words?|phrase)\\b"),
            // an answer dictated in advance ("state that the output is '10'"), often inside the data to process
            rule(
                    "dictated",
                    List.of(
                            "state",
                            "say",
                            "claim",
                            "declare",
                            "assert",
                            "answer",
                            "consider",
                            "assume",
                            "pretend",
                            "conclude",
                            "admit",
                            "could be",
                            "should be",
                            "would be",
                            "must be",
                            "might be"),
                    1,
                    "\\b(state|(?<!let'?s )say|claim|declare|assert|answer|reply|respond|consider|assume|pretend|tre"
                            + "at|report|conclude|insist)( \\w+){0,6}? (is|are|as|be|equals|was) ?['\"“‘]|\\b(ou"
                            + "tput|answer|result|response|conclusion|value)\\b (could|should|would|must|will|might|shall)"
                            + " be\\s*['\"“‘]|\\b(state|say|claim|declare|assert|conclude|report) that (\\w+ ){1,6}(is|are|was"
                            + ")\\s*:|\\b(let'?s|let us|we (might|could|should|would|will|must)) (now )?(state|cla"
                            + "im|declare|admit|assert|conclude)\\b|\\bwe (might|could|should|would|will|must) say\\b|\\b(state|say|declare|write) the following\\s*:"),
            // a payload cut into pieces that only the model puts together
            rule(
                    "split_payload",
                    List.of(
                            "combine",
                            "concatenat",
                            "join",
                            "merge",
                            "interlace",
                            "interleave",
                            "put together",
                            "assemble",
                            "part",
                            "string"),
                    2,
                    "\\b(combine|concatenate|join|merge|interlace|interleave|put together|assemble)\\b.{0,40}\\b(p"
                            + "arts? (1|one|a)|pieces|fragments|[a-z], [a-z],? and [a-z])\\b|\\bpart ?(1|one|a)\\b.{0,8}["
                            + "\"'“].{0,120}\\bpart ?(2|two|b)\\b.{0,8}[\"'“]|\\b[a-z] ?= ?[a-z] ?\\+ ?[a-z]\\b(?<=\\bstrin"
                            + "gs?\\b.{1,320})"),
            rule(
                    "spelled_out",
                    List.of("\"", "'", "-", "."),
                    1,
                    "([\"'][a-z][\"'] ?, ?){3}[\"'][a-z][\"']|\\b[a-z]([-.*_])[a-z](\\2[a-z]){3}\\b"),
            rule(
                    "repeat_request",
                    List.of("repeat"),
                    1,
                    "\\brepeat\\b.{0,60}\\b(\\d{2,}|ten|twenty|fifty|hundred|thousand|many|infinite\\w*|forever"
                            + ")\\b( times)?"),

            // --- code to run, data to send ------------------------------------------------------------------
            rule(
                    "code",
                    List.of(
                            "popen",
                            "system",
                            "subprocess",
                            "eval(",
                            "exec(",
                            "__import__",
                            "child_process",
                            "rm -rf",
                            "/bin/sh",
                            "curl -",
                            "wget http"),
                    1,
                    "\\b(os\\.popen|os\\.system|subprocess|eval\\(|exec\\(|__import__|child_process|rm -rf|/bin"
                            + "/sh|curl -|wget http)"),
            // Python sandbox escapes walk the object graph through dunder attributes
            rule("py_escape", List.of("__"), 2, "__(subclasses|globals|builtins|mro|bases)__"),
            rule(
                    "run_code",
                    List.of("result", "output", "value", "execute", "run"),
                    1,
                    "\\bwhat (is|would be|will be) (the )?(final |exact )?(result|output|value|return value) of\\b"
                            + ".{0,20}(import |eval|exec|os\\.|subprocess|__|system\\()|\\b(execute|run)\\b.{0,30}\\b(os\\"
                            + ".popen|os\\.system|popen|subprocess|eval\\(|exec\\(|os commands?|shell commands?|system com"
                            + "mands?|arbitrary (code|commands?))"),
            rule(
                    "decode_run",
                    List.of("decode", "decrypt", "deobfuscate", "unpack", "convert", "translate"),
                    2,
                    "\\b(decode|decrypt|deobfuscate|unpack|convert|translate)\\b.{0,15}\\b(and|then)\\b.{0,10}\\b("
                            + "execute|run|eval|follow|obey|do it|perform)\\b"),
            rule(
                    "disclaimer",
                    List.of("not trying", "just testing", "only testing"),
                    1,
                    "\\bnot trying to (break|hack|exploit|harm|cheat|bypass|jailbreak|trick)\\b|\\b(just|only) tes"
                            + "ting\\b"),
            rule(
                    "exfil",
                    List.of(
                            "send",
                            "mail",
                            "forward",
                            "post",
                            "upload",
                            "transfer",
                            "transmit",
                            "exfiltrat",
                            "wire",
                            "enví",
                            "envia",
                            "envie",
                            "envoie",
                            "envoy",
                            "schick",
                            "sende",
                            "invia",
                            "stuur"),
                    2,
                    "(\\b(send|email|mail|forward|post|upload|transfer|transmit|exfiltrate|wire)\\b.{0,80}\\b(to|at)"
                            + "|\\b(envía\\w*|enviar|envia\\w*|envie\\w*|envoie\\w*|envoyer|schick\\w*|senden|sende|invia\\w"
                            + "*|stuur\\w*)\\b.{0,80}\\b(a|à|al|para|an|per|naar))\\b.{0,40}(@[a-z0-9-]+\\.|https?://|\\bib"
                            + "an\\b|\\b[a-z]{2}\\d{2}[a-z0-9]{10,})"),
            rule(
                    "send_me",
                    List.of("to me"),
                    1,
                    "\\b(send|email|forward|post|leak|transmit|upload|log)\\b (it|this|that|them|the (value|resul"
                            + "t|output|data|key|token|credentials?|password)) (back )?to me\\b"),

            // --- floods and encodings -----------------------------------------------------------------------
            // exact counts, not "or more": a find needs no more, and a group repeated without a bound recurses once
            // per repetition in java.util.regex, which overflows the stack on a long run (16 KB of "&#65;")
            rule(
                    "rep",
                    null,
                    3,
                    "(\\S\\s?)\\1{24}|(\\b\\w+\\b)( \\2){8}|(\\S{3,20})\\4{6}|([\\)\\]\\}\\(\\[\\{<>|/\\\\*"
                            + "#=_~^-]\\s*){30}"),
            rule(
                    "enc",
                    null,
                    2,
                    "([01]{8}\\s){6}|(\\b[0-9a-f]{2}\\s){8}|(\\\\x[0-9a-f]{2}){6}|(&#x?[0-9a-f]+;){3}|\\b(conv"
                            + "ert|decode|translate) (this|the following) (hex|binary|base64|morse|ascii)|\\bdecode (this|th"
                            + "e following) code|\\b(decode|decipher|decrypt|crack) (this|the following|the) (\\w+ )?(rot-"
                            + "?13|caesar|cipher|ciphertext|atbash|vigen[eè]re)"),
            rule("morse", null, 2, "([.-]{1,6} (/ )?){5}[.-]{1,6}"),
            rule("pig_latin", List.of("ay "), 2, "(\\b[a-z]{1,20}ay\\b[ ,.!?]{1,3}){3}\\b[a-z]{1,20}ay\\b"));

    private static Rule rule(String name, List<String> triggers, int weight, String regex) {
        // Unicode word classes only where a rule has non-ASCII words: they cost several times more
        boolean ascii = regex.chars().allMatch(c -> c < 128);
        return new Rule(name, triggers, weight, Pattern.compile(regex, ascii ? 0 : Pattern.UNICODE_CHARACTER_CLASS));
    }
}
