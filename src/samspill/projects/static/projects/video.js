// Click-to-load videos. Without this file the page shows a plain link to the video site. With it,
// a button appears; pressing it replaces the placeholder with the privacy-enhanced player
// (youtube-nocookie.com, or Vimeo with dnt=1). Nothing is requested from the video site before.
(function () {
  const buttons = document.querySelectorAll("button[data-video-load]");
  for (const button of buttons) {
    const url = button.dataset.embedUrl || "";
    if (!/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(url)) continue;
    button.hidden = false;
    button.addEventListener("click", function () {
      const placeholder = button.closest("[data-video-placeholder]");
      if (!placeholder) return;
      const frame = document.createElement("iframe");
      frame.src = url;
      frame.title = button.dataset.videoTitle || "";
      frame.width = "560";
      frame.height = "315";
      frame.className = "video__frame";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      frame.setAttribute("loading", "lazy");
      placeholder.replaceWith(frame);
      frame.focus();
    });
  }
})();
