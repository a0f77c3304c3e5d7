package dev.toolgate.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's implementation and its libraries from the {@code inst/} folder of the agent jar, where
 * classes are stored as {@code .classdata} so that no other loader can see them. Its parent is the platform
 * loader: the agent sees the JDK and the bridge, never the application's classes or libraries.
 */
public final class AgentClassLoader extends ClassLoader {

    static final String PREFIX = "inst/";
    private static final String CLASS_SUFFIX = ".classdata";
    private static final String BRIDGE_PACKAGE = "dev.toolgate.bootstrap.";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;

    public AgentClassLoader(JarFile jar, URL jarLocation) {
        // The platform loader, not the bootstrap one: the agent uses java.net.http and jdk.httpserver, which live
        // there. It sees no application class either way.
        super("toolgate-agent", ClassLoader.getPlatformClassLoader());
        this.jar = jar;
        this.jarUrl = "jar:" + jarLocation.toExternalForm() + "!/";
        this.domain = new ProtectionDomain(new CodeSource(jarLocation, (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/');
        JarEntry entry = jar.getJarEntry(PREFIX + path + CLASS_SUFFIX);
        if (entry == null && name.startsWith(BRIDGE_PACKAGE)) {
            // Run as a command-line tool the jar is not on the bootstrap path; take the bridge from the jar's top.
            entry = jar.getJarEntry(path + ".class");
        }
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes = read(entry);
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    @Override
    protected URL findResource(String name) {
        JarEntry entry = jar.getJarEntry(PREFIX + toEntryName(name));
        if (entry == null) {
            return null;
        }
        try {
            return new URL(jarUrl + entry.getName());
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        InputStream fromParent = super.getResourceAsStream(name);
        if (fromParent != null) {
            return fromParent;
        }
        JarEntry entry = jar.getJarEntry(PREFIX + toEntryName(name));
        try {
            return entry == null ? null : jar.getInputStream(entry);
        } catch (IOException e) {
            return null;
        }
    }

    private static String toEntryName(String resource) {
        return resource.endsWith(".class")
                ? resource.substring(0, resource.length() - ".class".length()) + CLASS_SUFFIX
                : resource;
    }

    private byte[] read(JarEntry entry) {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.getName() + " from the Toolgate agent jar", e);
        }
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String pkg = className.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException alreadyDefinedConcurrently) {
                    // another thread defined it first
                }
            }
        }
    }
}
