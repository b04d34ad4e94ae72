// Check-in desk: scan a ticket's QR code with this device's camera where the browser can
// (BarcodeDetector). Without it the button stays hidden: typing the code, or scanning the
// QR with a phone's own camera app (which opens the confirmation page), still works.
(function () {
  "use strict";
  const button = document.getElementById("checkin-scan");
  const video = document.getElementById("checkin-video");
  if (!button || !video || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  button.hidden = false;
  let stream = null;

  function stop() {
    if (stream) {
      stream.getTracks().forEach((track) => track.stop());
      stream = null;
    }
    video.hidden = true;
  }

  function submitCode(text) {
    // The QR holds the confirmation URL …/checkin/<code>/; a bare code works too.
    const match = /\/checkin\/([0-9A-Za-z]+)\/?$/.exec(text);
    const input = document.getElementById("id_code");
    if (!input) {
      return;
    }
    input.value = match ? match[1] : text.trim();
    input.form.requestSubmit();
  }

  button.addEventListener("click", async () => {
    if (stream) {
      stop();
      return;
    }
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (error) {
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const tick = async () => {
      if (!stream) {
        return;
      }
      const found = await detector.detect(video).catch(() => []);
      if (found.length) {
        stop();
        submitCode(found[0].rawValue);
        return;
      }
      window.requestAnimationFrame(tick);
    };
    tick();
  });
})();
