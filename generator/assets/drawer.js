// The navigation drawer of narrow screens (Material's #__drawer checkbox). Material opens it with a
// <label> in the header that a keyboard cannot reach, and readers.css keeps the closed drawer's links
// out of the tab order. Here the label becomes a button (named as the drawer's navigation is,
// "Navigation" in the page's language, with aria-expanded); opening moves focus into the drawer,
// tabbing out of it closes it, and Escape closes it with focus back on the button. Without
// JavaScript the label stays. Material changes the checkbox with click() too, so both stay in step.
const toggle = document.getElementById("__drawer");
const label = document.querySelector('.md-header label[for="__drawer"]');
const drawer = document.querySelector(".md-sidebar--primary");

if (toggle && label && drawer) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " fc-drawer-button";
  const nav = drawer.querySelector("nav[aria-label]");
  if (nav) button.setAttribute("aria-label", nav.getAttribute("aria-label"));
  button.append(...label.childNodes); // the menu icon
  label.replaceWith(button);

  const sync = () => button.setAttribute("aria-expanded", String(toggle.checked));
  sync();
  button.addEventListener("click", () => toggle.click());
  toggle.addEventListener("change", () => {
    sync();
    if (toggle.checked && !drawer.contains(document.activeElement)) {
      const first = drawer.querySelector('a[href], button, input:not([type=hidden]), [tabindex="0"]');
      if (first) first.focus();
    }
  });
  // Closed by a link to a part of the page (Material closes it on every change of address), focus
  // stays where the link led; closed with Escape, it goes back to the button.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked) return;
    const inside = drawer.contains(document.activeElement);
    toggle.click();
    if (inside) button.focus();
  });
  drawer.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (toggle.checked && next && !drawer.contains(next) && next !== button) toggle.click();
  });
}
