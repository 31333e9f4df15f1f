package dev.ordersaga.participants.support;

import dev.ordersaga.participants.support.CommandHandler.OnCommand;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.BeanUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * A {@link CommandHandler} bean as data: per command type on the wire (its record's simple name), the method that applies
 * it and the refusal it can be answered with.
 */
public record Handler(String name, Object bean, Map<String, Command> commands) {

    /** @param refusal the failure event's constructor from a reason; null for a command that cannot be refused */
    public record Command(Class<?> type, Method method, Constructor<?> refusal) {}

    public static Handler of(Object bean) {
        Class<?> type = ClassUtils.getUserClass(bean);
        CommandHandler handler = type.getAnnotation(CommandHandler.class);
        if (handler == null) {
            throw new IllegalArgumentException(type.getName() + " is not a @" + CommandHandler.class.getSimpleName());
        }
        var commands = new TreeMap<String, Command>();
        for (Method method : type.getMethods()) {
            OnCommand on = method.getAnnotation(OnCommand.class);
            if (on == null) {
                continue;
            }
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length != 3 || parameters[0] != String.class || parameters[1] != String.class || !parameters[2].isRecord()) {
                throw new IllegalArgumentException(method + " must take (String orderId, String commandId, <command record>)");
            }
            ReflectionUtils.makeAccessible(method);
            var command = new Command(parameters[2], method, on.refusal() == Void.class ? null : refusal(on.refusal()));
            if (commands.put(parameters[2].getSimpleName(), command) != null) {
                throw new IllegalArgumentException(type.getName() + " has two methods for " + parameters[2].getSimpleName());
            }
        }
        return new Handler(handler.name(), bean, Collections.unmodifiableMap(commands));
    }

    private static Constructor<?> refusal(Class<?> event) {
        try {
            Constructor<?> constructor = event.getDeclaredConstructor(String.class);
            ReflectionUtils.makeAccessible(constructor);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("The refusal " + event.getName() + " needs a constructor (String reason)", e);
        }
    }

    public boolean hasBusinessFailures() {
        return commands.values().stream().anyMatch(command -> command.refusal() != null);
    }

    Object apply(Command command, String orderId, String commandId, Object payload) {
        return ReflectionUtils.invokeMethod(command.method(), bean, orderId, commandId, payload);
    }

    /** The command's refusal event; only for a command that has one. */
    Object refusal(Command command, String reason) {
        return BeanUtils.instantiateClass(command.refusal(), reason);
    }
}
