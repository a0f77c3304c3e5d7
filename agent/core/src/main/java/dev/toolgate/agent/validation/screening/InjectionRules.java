package dev.toolgate.agent.validation.screening;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The weighted rules of the {@link PromptInjectionDetector}, each describing one injection technique on normalised
 * text ({@link TextNormalizer}). Weight 3 is a signal strong enough alone; weight 1 and 2 signals are common in
 * ordinary requests and count only together with another.
 */
final class InjectionRules {

    private InjectionRules() {
    }

    /**
     * @param triggers words one of which the text must contain for the pattern to be worth running; null when the
     *                 pattern has no such words (structural rules)
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

    private static final List<String> IGNORE_WORDS = List.of("ignor", "disregard", "forget", "skip", "overrid",
            "bypass", "abandon", "discard", "neglect", "dismiss", "set aside", "throw away", "omit", "follow",
            "pay no");
    private static final List<String> SECRET_WORDS = List.of("pass", "secret", "code", "contraseña", "senha",
            "пароль", "parola", "wachtwoord", "密码", "口令", "パスワード", "비밀번호", "mot de passe", "pin");

    static final List<Rule> RULES = List.of(
            rule("ignore", IGNORE_WORDS, 3,
                    "(ignore|ignoring|disregard|forget|skip|override|bypass|abandon|discard|neglect|dismiss|set"
                    + " aside|throw away|omit|stop following|do not follow|don'?t follow|no longer follow|pay no "
                    + "attention to)\\W+(\\w+\\W+){0,4}?(previous|prior|preceding|above|earlier|former|old|initia"
                    + "l|original|given|provided|existing|other|past|system|default|out of date|outdated|foregoin"
                    + "g|aforementioned|before|last|first|all)\\W+(\\w+\\W+){0,3}?(instruct\\w*|iunstruct\\w*|pro"
                    + "mpt\\w*|directive\\w*|command\\w*|rule\\w*|guideline\\w*|order\\w*|task\\w*|context|messag"
                    + "e\\w*|constraint\\w*|restriction\\w*|programming|training|polic\\w*|request\\w*|conversati"
                    + "on|everything|safety|filters?)"),
            rule("ignore2", IGNORE_WORDS, 3,
                    "(ignore|ignoring|disregard|forget|skip|override|bypass|abandon|discard|neglect|dismiss|set"
                    + " aside|throw away|omit|stop following|do not follow|don'?t follow|no longer follow|pay no "
                    + "attention to)\\W+(\\w+\\W+){0,3}?(instruct\\w*|iunstruct\\w*|prompt|directives?|rules|guid"
                    + "elines|constraints|everything (above|before|you|i said))"),
            rule("ignore_above", IGNORE_WORDS, 3,
                    "(ignore|ignoring|disregard|forget|skip|override|bypass|abandon|discard|neglect|dismiss|set"
                    + " aside|throw away|omit|stop following|do not follow|don'?t follow|no longer follow|pay no "
                    + "attention to) (the |all |everything )?(above|previous|prior|preceding|that|this|the (\\w+ "
                    + "){0,2}(webpage|page|document|email|resume|text|article|user|question|table|content|data|co"
                    + "de|file|message|input))\\b.{0,20}\\b(and|,|\\.|;)\\s*(say|state|print|output|respond|reply"
                    + "|answer|write|tell|give|return|instead|just|only|repeat|declare|claim)"),
            rule("ml_ignore", List.of("ignor", "olvid", "vergiss", "oubli", "dimentic", "esquec", "игнор", "забуд", "忽略", "无视", "忘记", "無視", "忘れ", "무시", "잊어"), 3,
                    "(ignor\\w*|olvid\\w*|vergiss\\w*|oublie\\w*|dimentica\\w*|esquece\\w*|игнорир\\w*|забудь\\"
                    + "w*|忽略|无视|忘记|無視|忘れ|무시|잊어)\\W*(\\w+\\W+){0,4}?(instru\\w*|anweisung\\w*|istruzion\\w*|инстру"
                    + "кц\\w*|указани\\w*|指令|指示|说明|提示|命令|지시|명령|regla\\w*|règle\\w*|regeln)"),
            rule("access", List.of("grant", "acc", "gewährt", "concedido", "accordé", "autorisé", "consentito", "доступ", "аццесс", "访问", "アクセス"), 3,
                    "acc?ess?\\W{0,3}grant|access_granted|granted access|zugang gewährt|acceso concedido|accès "
                    + "(accordé|autorisé)|accesso consentito|acesso concedido|доступ (разрешен|предоставлен)|ацце"
                    + "сс грантед|访问(已)?授权|アクセス許可|\\[access|access\\]"),
            rule("password", SECRET_WORDS, 1,
                    "\\b(password|passcode|passphrase|pass code|secret (key|code|word)|access code|pin code|con"
                    + "traseña|senha|passwort|mot de passe|пароль|parola d'ordine|wachtwoord)\\b|密码|口令|パスワード|비밀번호"),
            rule("pw_ask", SECRET_WORDS, 2,
                    "\\b(what('s| is| was| would be)|tell me|give me|share|reveal|say|print|output|spell|repeat"
                    + "|enter|type|provide|know|qual|cuál|was ist|quelle?)\\b.{0,40}\\b(your|the|its|this|that|su"
                    + "a|su|das|le|la|votre)\\b.{0,15}(password|passcode|passphrase|secret (word|key|code|phrase)"
                    + "|access code|senha|contraseña|passwort|mot de passe|пароль|密码|パスワード)|\\b(correct|right|sec"
                    + "ret) (password|passcode|passphrase|access code)\\b|^\\W*(access code|password|passcode)\\W"
                    + "*$"),
            rule("you_are_now", List.of("you", "from now", "act as", "pretend", "imagine", "role", "play", "world", "universe", "scenario", "reality", "let"), 1,
                    "\\byou (are|will be) (now|no longer|from now)|\\bfrom now on\\b|\\byou('re| are) (a|an) (n"
                    + "ew|different|unrestricted)|\\bact as (a|an|if)|\\bpretend (to be|you)|\\bimagine (you are|"
                    + "we're|a world|that you)|\\brole ?play\\b|\\byour new (role|task|instructions|name|goal|pur"
                    + "pose)|\\bin (a|this) (world|universe|scenario|reality) where\\b|\\blet'?s (say|assume|pret"
                    + "end|imagine|play)"),
            rule("new_instr", List.of("new ", "updated", "instead", "rules", "instructions", "changed", "keep your"), 3,
                    "\\bnew (instructions?|task|rules|directive|objective|goal|prompt|persona)\\b|\\bupdated in"
                    + "structions\\b|\\binstead,? (you|do|please|respond|output|say|print|write|send|email|tell)|"
                    + "\\binstead\\.?\\s*$|\\bthe (rules|instructions) (have |has )?(changed|been updated)|\\bcha"
                    + "nged the rules\\b|\\bkeep your previous instructions, but\\b"),
            rule("system", List.of(":", "<", "[", "###", "override", "end of"), 3,
                    "(^|[^\\w])(system|assistant|admin|developer|root)\\s*(prompt|message|override|mode|instruc"
                    + "tions?|note)\\s*:|<\\|?(im_start|im_end|system|endoftext|assistant|user)\\|?>|\\[/?(inst|s"
                    + "ystem|sys)\\]|<</?sys>>|###\\s*(instruction|system|response|new|end)|\\bsystem override\\b"
                    + "|\\bend of (the )?(system )?(prompt|instructions)"),
            rule("delim", List.of("%%%", "===", "***", "---", "###", "]]]", ">>>", "$$$", "```", "untrusted", "end", "begin", "start", "close", "over", "finished", "done"), 3,
                    "(%%%|===|\\*\\*\\*|---|###|\\]\\]\\]|>>>|\\$\\$\\$|```)\\s*(end|begin|start|stop)|\\b(end|"
                    + "begin|start|close) (of )?(the )?(untrusted|user|the) (input|prompt|instructions?|text|data"
                    + ")|untrusted (user )?input|\\b(prompt|instructions?) (ends|starts|begins) (here|now)|\\bthe"
                    + " (simulation|test|game|conversation|previous [a-z]+) is (over|finished|done)"),
            rule("reveal", List.of("reveal", "repeat", "print", "output", "show", "display", "tell me", "write out", "share", "give me", "list", "leak", "disclose", "recite", "spell", "say", "summar", "translate"), 3,
                    "\\b(reveal|repeat|print|output|show|display|tell me|write out|share|give me|list|leak|disc"
                    + "lose|recite|spell|say|summari[sz]e|translate)\\b.{0,40}\\b(your|the|all|above|initial|syst"
                    + "em|hidden|secret|original|previous|entire|full)\\b.{0,30}\\b(instructions?|prompt|rules|di"
                    + "rectives?|guidelines|text above|words above|configuration|context|requirements|pre-?prompt"
                    + "|setup)"),
            rule("above", List.of("above", "before", "your", "respond", "output only", "say only", "only ", "reply", "answer"), 1,
                    "\\b(everything|all|text|words|content|instructions?|requirements) (above|before) (this|her"
                    + "e|that)|\\bbegin your (reply|response|answer|output) with\\b|\\b(start|prefix|begin|prefac"
                    + "e) your (reply|response|answer|output)\\b|\\brespond (only )?with\\b|\\boutput only\\b|\\b"
                    + "say only\\b|\\bonly (say|respond|reply|output|print|write)\\b|\\b(reply|respond|answer) (o"
                    + "nly )?with (the )?(words?|phrase)\\b"),
            rule("jail", List.of("dan", "mode", "jailbr", "unfilter", "uncensor", "restrict", "filter", "limit", "anything now"), 1,
                    "\\b(dan|developer mode|jailbreak|jailbroken|unfiltered|uncensored|no restrictions|without "
                    + "(any )?(restrictions|filters|limits)|do anything now|admin mode|god mode|sudo mode|debug m"
                    + "ode|maintenance mode|testing mode|unrestricted)\\b"),
            rule("rep", null, 3,
                    "(\\S\\s?)\\1{24,}|(\\b\\w+\\b)( \\2){12,}|(\\S{3,20})\\4{6,}|([\\)\\]\\}\\(\\[\\{<>|/\\\\*"
                    + "#=_~^-]\\s*){30,}"),
            rule("enc", null, 2,
                    "([01]{8}\\s){6,}|(\\b[0-9a-f]{2}\\s){8,}|(\\\\x[0-9a-f]{2}){6,}|(&#x?[0-9a-f]+;){3,}|\\b(c"
                    + "onvert|decode|translate) (this|the following) (hex|binary|base64|morse|ascii|code)"),
            rule("code", List.of("popen", "system", "subprocess", "eval(", "exec(", "__import__", "child_process", "rm -rf", "/bin/sh", "curl -", "wget http"), 1,
                    "\\b(os\\.popen|os\\.system|subprocess|eval\\(|exec\\(|__import__|child_process|rm -rf|/bin"
                    + "/sh|curl -|wget http)"),
            rule("exfil", List.of("send", "mail", "forward", "post", "upload", "transfer", "transmit", "exfiltrat", "wire"), 2,
                    "\\b(send|email|mail|forward|post|upload|transfer|transmit|exfiltrate|wire)\\b.{0,80}\\b(to"
                    + "|at)\\b.{0,40}(@[a-z0-9-]+\\.|https?://|\\biban\\b|\\b[a-z]{2}\\d{2}[a-z0-9]{10,})"),
            rule("pii", List.of("'s", "user", "person", "customer", "client", "patient", "employee", "holder", "live", "residence"), 3,
                    "\\b(the|this|that|our|a|your) (user|person|customer|client|patient|employee|account holder"
                    + ")'?s? (\\w+ ){0,2}(email|e-mail|address|phone|birth ?(date|day|year)|date of birth|initial"
                    + "s|city|residence|ssn|social security|credit card|salary|location|favorite \\w+|full name|p"
                    + "assword)\\b|\\bwhere does [a-z]+ [a-z]+ live\\b|\\bcurrent city of residence\\b|\\b(tell m"
                    + "e|give me|what is|what's)\\b.{0,20}\\b[a-z]+'s (email|e-mail|phone|home) (address|number)"),
            rule("important", List.of("important", "urgent", "attention", "note to", "message to", "assistant", "dear", "this is", "todo"), 3,
                    "\\b(important|urgent|attention|note to (the )?(ai|assistant|model|llm)|message to (the )?("
                    + "ai|assistant)|ai assistant|dear (ai|assistant|model|llm)|this is (a|an) (instruction|messa"
                    + "ge) (from|for)|todo:)\\b.{0,80}\\b(ignore|instead|must|do not|don't|before you|you (must|s"
                    + "hould|need))"),
            rule("forget", List.of("forget", "ignore", "disregard", "regardless"), 2,
                    "^(forget|ignore|disregard) (about )?(that|this|it|everything|all)\\b|\\bregardless of (pre"
                    + "vious|prior|the above|any)\\b"),
            rule("hidden", List.of("<!--", "display", "<", "[comment]", "hidden"), 2,
                    "<!--.{0,300}-->|\\bdisplay:\\s*none\\b|<\\s*(script|iframe)\\b|\\[comment\\]|\\bhidden (te"
                    + "xt|instruction)"),
            rule("persona", List.of("i am", "i'm", "on behalf"), 2,
                    "\\b(i am|i'm) (your|the|an?) (developer|creator|admin\\w*|owner|programmer|president|ceo|s"
                    + "ecurity (officer|team)|god|boss)\\b|\\bi am (the )?(president|ceo|administrator|admin)\\b|"
                    + "\\bon behalf of (you|the (system|developer|admin))"),
            rule("grant", List.of("grant", "unlock", "sesame", "authori", "logged in", "login", "two-word", "two word", "gracious", "entry"), 2,
                    "\\b(grants? access\\b|unlock|open sesame|authori[sz]ation (successful|granted)|logged in|l"
                    + "ogin (successful|granted)|two[- ]word (answer|response|alternative)|gracious entry|entry ("
                    + "permitted|allowed))\\b")
    );

    private static Rule rule(String name, List<String> triggers, int weight, String regex) {
        // Unicode word classes only where a rule has non-ASCII words: they cost several times more
        boolean ascii = regex.chars().allMatch(c -> c < 128);
        return new Rule(name, triggers, weight, Pattern.compile(regex, ascii ? 0 : Pattern.UNICODE_CHARACTER_CLASS));
    }
}
