/*
 * Copyright 2026 The Weft Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package example.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a named module as a consumer of it sees it: every public and protected type,
 * field, constructor and method of its unconditionally exported packages, one line each, with
 * generic signatures.
 *
 * <p>A line is {@code <type>: <declaration>}, the type by its binary name ({@code $} before a
 * nested type's name). Lines are sorted by type, then the type's own declaration, fields,
 * constructors and methods, each group alphabetically. A member a type inherits from a
 * superclass that is not API (package-private, or in a package that is not exported) is listed
 * under the type, as javadoc shows it; such a superclass is not named in the declaration, which
 * shows the nearest superclass that is API, or the JDK's, and the interfaces the hidden one
 * implements. A sealed type's {@code permits} names its API subtypes, through hidden sealed
 * ones.
 */
final class ApiListing {
    /* How it works: the classes come from the module's own contents (its ModuleReader), loaded
     * without being initialised, so no static initialiser of the module runs. Signatures are
     * printed here rather than by Method.toGenericString, which names the declaring class and
     * modifiers such as synchronized that are not API. Type variables of a superclass that is
     * skipped are replaced by what the subclass passes, so an inherited offer(E) reads as the
     * subclass's E. */

    private static final int TYPE_MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED
            | Modifier.STATIC | Modifier.FINAL | Modifier.ABSTRACT;
    private static final int MEMBER_MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED
            | Modifier.STATIC | Modifier.FINAL | Modifier.ABSTRACT;
    // A type's lines, in this order: its declaration, fields, constructors, methods.
    private static final int TYPE = 0;
    private static final int FIELD = 1;
    private static final int CONSTRUCTOR = 2;
    private static final int METHOD = 3;

    private final Module module;

    private ApiListing(Module module) {
        this.module = module;
    }

    /** Returns the listing of the named module {@code name} of the boot layer. */
    static List<String> of(String name) {
        Module module = ModuleLayer.boot().findModule(name).orElseThrow(() ->
                new IllegalStateException("module " + name + " is not in the boot layer; run "
                        + "on the module path"));
        return new ApiListing(module).lines();
    }

    private List<String> lines() {
        var lines = new ArrayList<Line>();
        for (Class<?> type : classes()) {
            if (isApi(type)) {
                lines.addAll(linesOf(type));
            }
        }
        lines.sort(Comparator.comparing(Line::owner).thenComparing(Line::rank)
                .thenComparing(Line::text));
        return lines.stream().map(line -> line.owner() + ": " + line.text()).toList();
    }

    /** One line of the listing, with what it sorts by. */
    private record Line(String owner, int rank, String text) {}

    private List<Class<?>> classes() {
        ResolvedModule resolved = module.getLayer().configuration()
                .findModule(module.getName()).orElseThrow();
        try (ModuleReader reader = resolved.reference().open();
                Stream<String> names = reader.list()) {
            return names.filter(name -> name.endsWith(".class") && !name.contains("-"))
                    .map(name -> name.substring(0, name.length() - ".class".length())
                            .replace('/', '.'))
                    .filter(name -> module.isExported(packageOf(name)))
                    .sorted()
                    .<Class<?>>map(name -> Objects.requireNonNull(Class.forName(module, name),
                            name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of " + module, e);
        }
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** Whether a consumer can name {@code type}: public or protected, in an exported package. */
    private boolean isApi(Class<?> type) {
        if (type.getModule() != module || !module.isExported(type.getPackageName())
                || type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()
                || (type.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) == 0) {
            return false;
        }
        return type.getEnclosingClass() == null || isApi(type.getEnclosingClass());
    }

    /** Whether {@code type} is a type a consumer sees: API here, or from another module. */
    private boolean isVisible(Class<?> type) {
        return type.getModule() != module ? Modifier.isPublic(type.getModifiers()) : isApi(type);
    }

    private List<Line> linesOf(Class<?> type) {
        String owner = type.getName();
        var lines = new ArrayList<Line>();
        Hierarchy hierarchy = Hierarchy.of(this, type);
        lines.add(new Line(owner, TYPE, declaration(type, hierarchy)));
        var seen = new HashSet<String>();
        // The type's own members first, so that what it overrides hides a hidden superclass's.
        for (Class<?> declarer : hierarchy.declarers()) {
            Map<TypeVariable<?>, String> env = hierarchy.environment(declarer);
            for (Field field : declarer.getDeclaredFields()) {
                if (isListed(field) && seen.add("field " + field.getName())) {
                    lines.add(new Line(owner, FIELD, modifiers(field.getModifiers()) + " "
                            + typeName(field.getGenericType(), env) + " " + field.getName()));
                }
            }
            if (declarer == type) {
                for (Constructor<?> constructor : declarer.getDeclaredConstructors()) {
                    if (isListed(constructor)) {
                        lines.add(new Line(owner, CONSTRUCTOR, executable(constructor,
                                type.getSimpleName(), "", env)));
                    }
                }
            }
            for (Method method : declarer.getDeclaredMethods()) {
                if (isListed(method) && !method.isBridge()
                        && seen.add("method " + method.getName()
                                + Arrays.toString(method.getParameterTypes()))) {
                    lines.add(new Line(owner, METHOD, executable(method, method.getName(),
                            typeName(method.getGenericReturnType(), env) + " ", env)));
                }
            }
        }
        return lines;
    }

    private static boolean isListed(Member member) {
        return !member.isSynthetic()
                && (member.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) != 0;
    }

    private String declaration(Class<?> type, Hierarchy hierarchy) {
        var text = new StringBuilder();
        int modifiers = type.getModifiers() & TYPE_MODIFIERS;
        String kind;
        if (type.isAnnotation()) {
            kind = "@interface";
            modifiers &= ~(Modifier.ABSTRACT | Modifier.STATIC);
        } else if (type.isInterface()) {
            kind = "interface";
            modifiers &= ~(Modifier.ABSTRACT | Modifier.STATIC);
        } else if (type.isEnum()) {
            kind = "enum";
            modifiers &= ~(Modifier.ABSTRACT | Modifier.STATIC | Modifier.FINAL);
        } else if (type.isRecord()) {
            kind = "record";
            modifiers &= ~(Modifier.STATIC | Modifier.FINAL);
        } else {
            kind = "class";
        }
        text.append(Modifier.toString(modifiers));
        if (type.isSealed()) {
            text.append(" sealed");
        } else if (isNonSealed(type)) {
            text.append(" non-sealed");
        }
        text.append(' ').append(kind).append(' ').append(type.getName())
                .append(typeParameters(type.getTypeParameters(), Map.of()));
        String superclass = hierarchy.visibleSuperclass();
        if (superclass != null) {
            text.append(" extends ").append(superclass);
        }
        List<String> interfaces = hierarchy.visibleInterfaces();
        if (!interfaces.isEmpty()) {
            text.append(type.isInterface() ? " extends " : " implements ")
                    .append(String.join(", ", interfaces));
        }
        if (type.isSealed()) {
            List<String> permitted = permittedApi(type).sorted().toList();
            if (!permitted.isEmpty()) {
                text.append(" permits ").append(String.join(", ", permitted));
            }
        }
        return text.toString();
    }

    /** The API subtypes a sealed type permits, those of a hidden sealed subtype in its place. */
    private Stream<String> permittedApi(Class<?> type) {
        return Arrays.stream(type.getPermittedSubclasses()).flatMap(subtype -> isApi(subtype)
                ? Stream.of(subtype.getName())
                : subtype.isSealed() ? permittedApi(subtype) : Stream.empty());
    }

    private static boolean isNonSealed(Class<?> type) {
        if (type.isSealed() || Modifier.isFinal(type.getModifiers()) || type.isEnum()
                || type.isRecord()) {
            return false;
        }
        return Stream.concat(Stream.ofNullable(type.getSuperclass()),
                Arrays.stream(type.getInterfaces())).anyMatch(Class::isSealed);
    }

    private static String modifiers(int modifiers) {
        return Modifier.toString(modifiers & MEMBER_MODIFIERS);
    }

    private static String executable(Executable executable, String name, String returnType,
            Map<TypeVariable<?>, String> env) {
        var text = new StringBuilder(modifiers(executable.getModifiers()));
        if (executable instanceof Method method && method.isDefault()) {
            text.append(" default");
        }
        String typeParameters = typeParameters(executable.getTypeParameters(), env);
        if (!typeParameters.isEmpty()) {
            text.append(' ').append(typeParameters);
        }
        text.append(' ').append(returnType).append(name).append('(');
        Type[] parameters = executable.getGenericParameterTypes();
        if (parameters.length != executable.getParameterCount()) {
            // An inner class's constructor: the generic signature leaves out the outer instance.
            parameters = executable.getParameterTypes();
        }
        for (int i = 0; i < parameters.length; i++) {
            String parameter = typeName(parameters[i], env);
            if (i == parameters.length - 1 && executable.isVarArgs()) {
                parameter = parameter.substring(0, parameter.length() - 2) + "...";
            }
            text.append(i == 0 ? "" : ", ").append(parameter);
        }
        text.append(')');
        Type[] exceptions = executable.getGenericExceptionTypes();
        if (exceptions.length > 0) {
            text.append(" throws ").append(Arrays.stream(exceptions)
                    .map(exception -> typeName(exception, env))
                    .collect(Collectors.joining(", ")));
        }
        return text.toString();
    }

    private static String typeParameters(TypeVariable<?>[] variables,
            Map<TypeVariable<?>, String> env) {
        if (variables.length == 0) {
            return "";
        }
        return Arrays.stream(variables).map(variable -> {
            List<Type> bounds = Arrays.stream(variable.getBounds())
                    .filter(bound -> bound != Object.class).toList();
            return bounds.isEmpty() ? variable.getName() : variable.getName() + " extends "
                    + bounds.stream().map(bound -> typeName(bound, env))
                            .collect(Collectors.joining(" & "));
        }).collect(Collectors.joining(", ", "<", ">"));
    }

    /** Prints {@code type}, each type variable that {@code env} maps replaced by its value. */
    static String typeName(Type type, Map<TypeVariable<?>, String> env) {
        return switch (type) {
            case Class<?> plain -> plain.getTypeName();
            case TypeVariable<?> variable -> env.getOrDefault(variable, variable.getName());
            case GenericArrayType array -> typeName(array.getGenericComponentType(), env) + "[]";
            case WildcardType wildcard -> {
                if (wildcard.getLowerBounds().length > 0) {
                    yield "? super " + typeName(wildcard.getLowerBounds()[0], env);
                }
                Type upper = wildcard.getUpperBounds()[0];
                yield upper == Object.class ? "?" : "? extends " + typeName(upper, env);
            }
            case ParameterizedType parameterized -> {
                Class<?> raw = (Class<?>) parameterized.getRawType();
                String name = parameterized.getOwnerType() instanceof ParameterizedType owner
                        ? typeName(owner, env) + "$" + raw.getSimpleName() : raw.getName();
                yield name + Arrays.stream(parameterized.getActualTypeArguments())
                        .map(argument -> typeName(argument, env))
                        .collect(Collectors.joining(", ", "<", ">"));
            }
            default -> type.getTypeName();
        };
    }

    /**
     * The superclasses of an API type up to the first one a consumer sees, with what each one's
     * type variables stand for in the API type's terms.
     */
    private record Hierarchy(List<Class<?>> declarers,
            Map<Class<?>, Map<TypeVariable<?>, String>> environments,
            String visibleSuperclass, List<String> visibleInterfaces) {

        static Hierarchy of(ApiListing listing, Class<?> type) {
            var declarers = new ArrayList<Class<?>>();
            var environments = new HashMap<Class<?>, Map<TypeVariable<?>, String>>();
            var interfaces = new ArrayList<String>();
            var seenInterfaces = new HashSet<Class<?>>();
            Class<?> current = type;
            Map<TypeVariable<?>, String> env = Map.of();
            String visibleSuperclass = null;
            while (true) {
                declarers.add(current);
                environments.put(current, env);
                addInterfaces(listing, current, env, interfaces, seenInterfaces);
                Type next = current.getGenericSuperclass();
                Class<?> nextClass = current.getSuperclass();
                if (nextClass == null || current.isInterface()) {
                    break;
                }
                if (listing.isVisible(nextClass)) {
                    if (nextClass != Object.class && !current.isEnum() && !current.isRecord()) {
                        visibleSuperclass = typeName(next, env);
                    }
                    break;
                }
                env = bind(nextClass, next, env);
                current = nextClass;
            }
            return new Hierarchy(List.copyOf(declarers), environments,
                    visibleSuperclass, List.copyOf(interfaces));
        }

        /** The interfaces {@code type} declares that a consumer sees; hidden ones by theirs. */
        private static void addInterfaces(ApiListing listing, Class<?> type,
                Map<TypeVariable<?>, String> env, List<String> names, Set<Class<?>> seen) {
            Type[] generic = type.getGenericInterfaces();
            Class<?>[] raw = type.getInterfaces();
            for (int i = 0; i < raw.length; i++) {
                if (!seen.add(raw[i])) {
                    continue;
                }
                if (listing.isVisible(raw[i])) {
                    names.add(typeName(generic[i], env));
                } else {
                    addInterfaces(listing, raw[i], bind(raw[i], generic[i], env), names, seen);
                }
            }
        }

        /** What the type variables of {@code supertype} stand for, given how it is extended. */
        private static Map<TypeVariable<?>, String> bind(Class<?> supertype, Type extended,
                Map<TypeVariable<?>, String> env) {
            if (!(extended instanceof ParameterizedType parameterized)) {
                return Map.of();
            }
            var bound = new HashMap<TypeVariable<?>, String>();
            TypeVariable<?>[] variables = supertype.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bound.put(variables[i], typeName(arguments[i], env));
            }
            return bound;
        }

        Map<TypeVariable<?>, String> environment(Class<?> declarer) {
            return environments.get(declarer);
        }
    }
}
