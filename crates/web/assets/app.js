// THADS: progressive enhancement only; every page works without this file.
// Ask before voiding a record, and keep money readable while typing (761.546.547.000).
document.addEventListener("submit", (e) => {
  if (e.target.classList.contains("void") && !window.confirm(document.documentElement.lang === "en" ? "Void this record?" : "Hủy bản ghi này?")) {
    e.preventDefault();
  }
});
document.addEventListener("input", (e) => {
  if (e.target.id !== "event-amount") return;
  const digits = e.target.value.replace(/\D/g, "");
  e.target.value = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
});
