package io.tidewater.app.progress;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Whether standard output is a terminal that understands cursor movement. {@code System.console()}
 * alone is not enough: from JDK 22 it returns a console even when output is piped, and only
 * {@code Console.isTerminal()} (absent in 17) tells; a {@code TERM=dumb} terminal cannot redraw.
 */
final class Terminal {
    private Terminal() {
    }

    static boolean isInteractive(Console console, Map<String, String> environment) {
        if (console == null || "dumb".equals(environment.get("TERM"))) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
