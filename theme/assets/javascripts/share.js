// Share bar (theme/partials/sk_share.html): the links work without this script; it adds the phone's share
// sheet where the browser offers one (Zalo, Messenger… on phones) and a copy-link button.
(function () {
  "use strict";

  function enhance(bar) {
    var url = bar.getAttribute("data-url");
    var title = bar.getAttribute("data-title");
    var status = bar.querySelector(".sk-share__status");
    var native = bar.querySelector(".sk-share__native");
    var copy = bar.querySelector(".sk-share__copy");
    if (navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () { /* the reader closed the sheet */ });
      });
    }
    if (navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = "Đã sao chép liên kết.";
        }, function () {
          status.textContent = "Không sao chép được; hãy chép địa chỉ trên thanh trình duyệt.";
        });
      });
    }
  }

  document.querySelectorAll(".sk-share").forEach(enhance);
})();
