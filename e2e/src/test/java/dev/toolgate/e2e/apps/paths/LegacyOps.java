package dev.toolgate.e2e.apps.paths;

/** Code nobody can annotate: selected as a tool by the policy's instrument rule. */
public class LegacyOps {

    public String purgeCache(String region) {
        System.out.println("BODY legacy_purge " + region);
        return "purged:" + region;
    }

    public String status() {
        System.out.println("BODY legacy_status");
        return "ok";
    }
}
