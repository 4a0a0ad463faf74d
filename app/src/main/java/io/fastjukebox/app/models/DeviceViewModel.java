package io.fastjukebox.app.models;

import io.fastjukebox.engine.runtime.EngineInfo;
import io.fastjukebox.engine.runtime.EngineRuntime;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The device the engine runs on (as {@code fastjukebox info} reports it), and what to do to use a GPU. */
public final class DeviceViewModel {
    private final Executor background;
    private final Executor ui;
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper(this, "device", "Device: checking…");
    private final ReadOnlyStringWrapper advice = new ReadOnlyStringWrapper(this, "advice", "");

    public DeviceViewModel(Executor background, Executor ui) {
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    public ReadOnlyStringProperty deviceProperty() { return device.getReadOnlyProperty(); }
    /** Why this device, and how to enable a GPU when none is used. */
    public ReadOnlyStringProperty adviceProperty() { return advice.getReadOnlyProperty(); }

    /** Asks the engine, off the UI thread (the first call loads libtorch). */
    public CompletableFuture<Void> check() {
        return CompletableFuture.supplyAsync(EngineRuntime::info, background).handleAsync((EngineInfo info, Throwable e) -> {
            if (e != null) {
                device.set("Device: the engine could not start");
                advice.set(String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            } else {
                device.set(String.format(Locale.ROOT, "Device: %s · %s %s (%s) · %d threads", info.device(), info.engine(),
                        info.libtorchVersion(), info.flavour(), info.intraOpThreads()));
                advice.set(info.gpu() ? info.deviceReason() : "No GPU in use: " + info.deviceReason());
            }
            return null;
        }, ui);
    }
}
