package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelJobsTest {
    @AfterEach
    void clear() {
        System.clearProperty(KernelLab.JOBS_PROPERTY);
    }

    @Test
    void oneGuestPerCoreUnlessAsked() {
        assertThat(KernelLab.jobs()).isEqualTo(Qemu.guestsThatFit(Runtime.getRuntime().availableProcessors(), Qemu.hostMemoryMb()));
        System.setProperty(KernelLab.JOBS_PROPERTY, " 2 ");
        assertThat(KernelLab.jobs()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "17", "-1", "two", "2.5"})
    void aJobCountOutOfRangeIsBadInputInOneLine(String value) {
        System.setProperty(KernelLab.JOBS_PROPERTY, value);
        assertThatThrownBy(KernelLab::jobs).isInstanceOf(InvalidEnvironmentsException.class)
                .hasMessage("-Dfsconform.kernels.jobs must be a whole number from 1 to 16 (got '" + value + "')");
    }

    @Test
    void asManyGuestsAsCoresWhileTheirMemoryTakesHalfTheHosts() {
        assertThat(Qemu.guestsThatFit(2, 24 * 1024)).as("two cores, 24 GiB").isEqualTo(2);
        assertThat(Qemu.guestsThatFit(16, 8 * 1024)).as("16 cores, 8 GiB: two guests of 2 GiB").isEqualTo(2);
        assertThat(Qemu.guestsThatFit(4, 2 * 1024)).as("too little memory for two: still one").isEqualTo(1);
        assertThat(Qemu.guestsThatFit(2, 0)).as("memory unknown: the cores decide").isEqualTo(2);
        assertThat(Qemu.hostMemoryMb()).as("this Linux host's MemTotal").isPositive();
    }

    @Test
    void aBadSettingIsFoundBeforeAnythingRuns() {
        System.setProperty(KernelLab.JOBS_PROPERTY, "many");
        assertThatThrownBy(() -> KernelLab.checkSettings(true)).isInstanceOf(InvalidEnvironmentsException.class)
                .hasMessageStartingWith("-Dfsconform.kernels.jobs must be a whole number");
    }

    @Test
    void guestsAtOnceShareTheCoresBetweenThem() {
        assertThat(Qemu.smp(2, 1)).as("one guest on two cores").isEqualTo(2);
        assertThat(Qemu.smp(2, 2)).as("two guests on two cores").isEqualTo(1);
        assertThat(Qemu.smp(2, 3)).as("more guests than cores still get one each").isEqualTo(1);
        assertThat(Qemu.smp(16, 2)).as("never more than two, as one guest has").isEqualTo(2);
    }

    @Test
    void rowsComeBackInCatalogueOrderWhateverFinishesFirst() throws Exception {
        // GIVEN the first kernel finishing only after the second did
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch secondDone = new CountDownLatch(1);
        try {
            Future<List<String>> first = pool.submit(() -> {
                assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();
                return List.of("tmpfs@kernel-5.10", "ext4@kernel-5.10");
            });
            Future<List<String>> second = pool.submit(() -> {
                secondDone.countDown();
                return List.of("tmpfs@kernel-6.1");
            });

            // WHEN both are joined THEN the rows are the first kernel's, then the second's
            assertThat(KernelLab.join(List.of(first, second)))
                    .containsExactly("tmpfs@kernel-5.10", "ext4@kernel-5.10", "tmpfs@kernel-6.1");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKernelThatFailsIsReportedOnlyAfterTheOthersFinished() throws Exception {
        // GIVEN one kernel whose run throws at once and another still running
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicBoolean otherFinished = new AtomicBoolean();
        try {
            Future<List<String>> failing = pool.submit(() -> {
                throw new IOException("disk full");
            });
            Future<List<String>> slow = pool.submit(() -> {
                Thread.sleep(300);
                otherFinished.set(true);
                return List.of("tmpfs@kernel-6.1");
            });

            // WHEN joined THEN the failure comes out as it was thrown, once the other kernel is done
            assertThatThrownBy(() -> KernelLab.join(List.of(failing, slow))).isInstanceOf(IOException.class)
                    .hasMessage("disk full");
            assertThat(otherFinished).as("the other kernel ran to its end first").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBugInOneKernelIsNotWrapped() {
        Future<List<String>> bug = CompletableFuture.failedFuture(new UncheckedIOException(new IOException("gone")));
        assertThatThrownBy(() -> KernelLab.join(List.of(bug))).isInstanceOf(UncheckedIOException.class);
    }
}
