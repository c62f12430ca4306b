package dev.fsconform.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binding stays clear of the method shape jnr-ffi 2.3.4 compiles wrongly on x86_64 (see {@link LibC}). */
class LibCSignaturesTest {

    @Test
    void noMethodHasExactlySixPrimitiveParameters() {
        // GIVEN every method of the raw binding
        // WHEN their parameter lists are inspected
        List<String> broken = Arrays.stream(LibC.class.getDeclaredMethods())
                .filter(m -> m.getParameterCount() == 6 && Arrays.stream(m.getParameterTypes()).allMatch(Class::isPrimitive))
                .map(Method::toGenericString).toList();
        // THEN none has the shape whose sixth argument jnr loads from the return address's stack slot
        assertThat(broken).as("methods whose sixth argument jnr-ffi corrupts on x86_64").isEmpty();
    }

    @Test
    void everySyscallOverloadPassesSixArguments() {
        // GIVEN the raw syscall overloads  WHEN counted  THEN each is the number plus six arguments
        List<Method> syscalls = Arrays.stream(LibC.class.getDeclaredMethods()).filter(m -> m.getName().equals("syscall")).toList();
        assertThat(syscalls).isNotEmpty();
        assertThat(syscalls).allSatisfy(m -> assertThat(m.getParameterCount()).as("%s", m).isEqualTo(7));
    }
}
