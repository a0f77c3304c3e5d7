package dev.toolgate.e2e.apps.paths;

public class MetaAnnotatedTools {

    @DangerousTool
    public String wipe(String target) {
        System.out.println("BODY wipe " + target);
        return "wiped:" + target;
    }
}
