// Keyboard shortcuts of the review and copy pages. j/k or the arrow keys move between results (not while typing,
// where the keys belong to the input), Enter saves the result's form (a select or checkbox alone would not submit
// it), a accepts as is and x selects for bulk accept.
(function () {
	'use strict';
	var items = Array.prototype.slice.call(document.querySelectorAll('[data-item]'));
	if (items.length === 0) {
		return;
	}

	function currentIndex() {
		for (var i = 0; i < items.length; i++) {
			if (items[i].contains(document.activeElement)) {
				return i;
			}
		}
		return -1;
	}

	function move(step) {
		var index = Math.min(items.length - 1, Math.max(0, currentIndex() + step));
		items[index].focus();
		items[index].scrollIntoView({ block: 'nearest' });
	}

	function click(selector) {
		var index = currentIndex();
		var target = index < 0 ? null : items[index].querySelector(selector);
		if (target) {
			target.click();
		}
	}

	document.addEventListener('keydown', function (event) {
		if (event.ctrlKey || event.metaKey || event.altKey) {
			return;
		}
		var target = event.target;
		if (event.key === 'Enter' && !event.shiftKey) {
			if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON' || target.tagName === 'A'
					|| target.tagName === 'SUMMARY') {
				return;
			}
			var form = target.closest('form[data-save]') || (target.matches('[data-item]') ? target.querySelector('form[data-save]') : null);
			if (form) {
				event.preventDefault();
				form.requestSubmit(form.querySelector('[data-save-button]'));
			}
			return;
		}
		if (target.matches('input[type=text], input[type=search], input[type=number], input[type=date], textarea, select')) {
			return;
		}
		switch (event.key) {
			case 'j':
			case 'ArrowDown':
				event.preventDefault();
				move(1);
				break;
			case 'k':
			case 'ArrowUp':
				event.preventDefault();
				move(-1);
				break;
			case 'a':
				click('[data-accept]');
				break;
			case 'x':
				click('[data-select]');
				break;
			default:
		}
	});
})();
