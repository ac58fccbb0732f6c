//! End-to-end in headless Chromium (placeholder until the browser test lands).
