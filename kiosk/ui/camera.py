"""The document camera (高拍仪) through QtMultimedia: `QCamera` + `QImageCapture`.

`QtDocumentCamera` is the Qt-side adapter behind the service protocol
`kiosk.services.document_camera.DocumentCamera`: `ApplicationService.add_photo` calls
`capture(label)` on the database worker thread, as for any camera. Qt's camera objects live on
the UI thread, so `capture` hands the request to this QObject (a queued signal), waits for the
picture, and returns it as JPEG (PNG where Qt has no JPEG writer). The UI thread never blocks.

Where no camera is attached (`QMediaDevices.videoInputs()` is empty), or it does not answer
within `timeout_s`, `capture` raises `CameraUnavailable` with a message in plain words, and the
wizard asks the villager to hand the papers to the clerk.

What it needs from the PySide6 wheels (PySide6-Addons): `PySide6.QtMultimedia`, the Qt6Multimedia
library, the FFmpeg media back end `plugins/multimedia/libffmpegmediaplugin.so` (it reads V4L2
cameras itself) with the FFmpeg libraries beside Qt (libavcodec, libavformat, libavutil,
libswscale, libswresample, the Qt6FFmpegStub-* libraries) and the Qt libraries that plugin links
(Quick, Qml, QmlMeta, QmlModels, QmlWorkerScript, Network, OpenGL, Concurrent, DBus), plus
`plugins/imageformats/libqjpeg.so` for JPEG. QtMultimedia is imported on the first capture,
never at start-up.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QThread, QTimer, Signal, Slot

from kiosk.services.document_camera import NO_CAMERA, CameraUnavailable, Photo

NOT_ANSWERING = ("高拍仪没有响应，请把材料交给代办员 / the document camera did not answer; please "
                 "hand the papers to the clerk")


@dataclass
class _Request:
    label: str
    done: threading.Event = field(default_factory=threading.Event)
    photo: Photo | None = None
    error: str = ""

    def finish(self, photo: Photo | None = None, error: str = "") -> None:
        if not self.done.is_set():
            self.photo, self.error = photo, error
            self.done.set()


class QtDocumentCamera(QObject):
    """A `DocumentCamera` over QtMultimedia; built on the UI thread, captured from others."""

    available = True  # whether a camera is attached is known only by asking Qt (on capture)
    _requested = Signal(object)

    def __init__(self, parent: QObject | None = None, timeout_s: float = 15.0) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s
        self._count = 0
        self._session: Any = None
        self._camera: Any = None
        self._capture: Any = None
        self._waiting: list[_Request] = []
        self._requested.connect(self._on_requested)

    def capture(self, label: str) -> Photo:
        """Take one picture (from a worker thread); `CameraUnavailable` in words otherwise."""
        if QThread.currentThread() == self.thread():
            raise RuntimeError("QtDocumentCamera.capture waits for the UI thread: call it "
                               "through the task runner")
        request = _Request(label)
        self._requested.emit(request)
        if not request.done.wait(self.timeout_s):
            request.finish(error=NOT_ANSWERING)
        if request.photo is None:
            raise CameraUnavailable(request.error or NOT_ANSWERING)
        return request.photo

    @Slot(object)
    def _on_requested(self, request: _Request) -> None:
        """On the UI thread: open the camera once, then capture when it is ready."""
        try:
            if not self._open():
                request.finish(error=NO_CAMERA)
                return
        except Exception as error:  # a driver that fails to open is "no camera" to the villager
            request.finish(error=f"{NOT_ANSWERING} ({type(error).__name__})")
            return
        self._waiting.append(request)
        QTimer.singleShot(int(self.timeout_s * 1000), lambda: self._give_up(request))
        self._capture_if_ready()

    def _open(self) -> bool:
        if self._capture is not None:
            return True
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession, QMediaDevices

        devices = QMediaDevices.videoInputs()
        if not devices:
            return False
        self._session = QMediaCaptureSession(self)
        self._camera = QCamera(devices[0], self)
        self._capture = QImageCapture(self)
        self._session.setCamera(self._camera)
        self._session.setImageCapture(self._capture)
        self._capture.readyForCaptureChanged.connect(lambda _ready: self._capture_if_ready())
        self._capture.imageCaptured.connect(self._on_image)
        self._capture.errorOccurred.connect(self._on_error)
        self._camera.errorOccurred.connect(lambda *_args: self._fail_all(NOT_ANSWERING))
        self._camera.start()
        return True

    def _capture_if_ready(self) -> None:
        if self._waiting and self._capture is not None and self._capture.isReadyForCapture():
            self._capture.capture()

    def _on_image(self, _id: int, image: Any) -> None:
        if not self._waiting:
            return
        request = self._waiting.pop(0)
        data, media_type, extension = _encode(image)
        self._count += 1
        request.finish(Photo(data, media_type, f"page-{self._count}.{extension}"))
        self._capture_if_ready()

    def _on_error(self, _id: int, _error: Any, text: str) -> None:
        self._fail_all(f"{NOT_ANSWERING} ({text})")

    def _fail_all(self, message: str) -> None:
        while self._waiting:
            self._waiting.pop(0).finish(error=message)

    def _give_up(self, request: _Request) -> None:
        if request in self._waiting:
            self._waiting.remove(request)
        request.finish(error=NOT_ANSWERING)


def _encode(image: Any) -> tuple[bytes, str, str]:
    """The picture as JPEG (quality 85), or PNG where Qt has no JPEG writer."""
    from PySide6.QtGui import QImageWriter

    jpeg = b"jpeg" in {bytes(f.data()) for f in QImageWriter.supportedImageFormats()}
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG" if jpeg else "PNG", 85 if jpeg else -1)
    data = bytes(QByteArray(buffer.data()).data())
    return (data, "image/jpeg", "jpg") if jpeg else (data, "image/png", "png")
