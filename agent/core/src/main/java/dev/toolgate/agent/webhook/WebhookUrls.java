package dev.toolgate.agent.webhook;

import dev.toolgate.agent.config.ConfigException;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where webhooks may go. Plain {@code http://} carries the request (arguments included) and the answer in clear
 * text, so it is refused except to this host, or where the configuration explicitly allows it.
 */
public final class WebhookUrls {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private WebhookUrls() {}

    /**
     * @param setting   the setting that named the URL, for the message
     * @param allowHttp whether plain http:// to another host was explicitly allowed
     * @param allowKey  the setting that allows it, for the message
     */
    public static void requireProtected(String setting, URI url, boolean allowHttp, String allowKey)
            throws ConfigException {
        if (!"http".equalsIgnoreCase(url.getScheme()) || allowHttp || isLoopback(url.getHost())) {
            return;
        }
        throw new ConfigException(setting + " '" + url + "' is plain http:// to another host: requests and"
                + " answers would cross the network unprotected. Use https://, a loopback address, or set "
                + allowKey + "=true to accept the risk.");
    }

    /** A loopback name or literal; other names are not resolved, since DNS could answer anything. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.equals("localhost")
                || name.equals("::1")
                || name.equals("0:0:0:0:0:0:0:1")
                || LOOPBACK_V4.matcher(name).matches();
    }
}
