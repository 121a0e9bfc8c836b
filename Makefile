# bet_nb: `make train` runs the main job, `make test` the test suite. Both create .venv if needed.
SHELL := /bin/bash
# The project needs Python >= 3.12 (LeRobot 0.5 and later): PYTHON=... if given, else python3.12, python3.13 or python3
# on the PATH, else one that pyenv installed (its shims may hide it behind another global version).
NEW_ENOUGH := import sys; sys.exit(sys.version_info < (3, 12))
ifeq ($(origin PYTHON), undefined)
PYTHON := $(shell for p in python3.12 python3.13 python3 $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c '$(NEW_ENOUGH)' 2>/dev/null && { echo $$p; break; }; done)
endif
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED_DATA := ../shared/data/pusht
NB_KERNEL_CHECK := nbs/03_focal_loss.ipynb
# Run once more as on another CPU (MKL's compatible kernels, ATen's default ones, one thread): tests that compare floats
# from two code paths, batch sizes or machines must hold there too (see notebook 04, "Reproducible, to float precision").
OTHER_CPU_CHECK := nbs/05_eval_and_viz.ipynb nbs/06_k_modes.ipynb nbs/07_how_bet_fails.ipynb
OTHER_CPU_ENV := MKL_CBWR=COMPATIBLE ATEN_CPU_CAPABILITY=default OMP_NUM_THREADS=1
EVAL_EPISODES ?= 500
PRESET ?= pusht-state-reheat

.PHONY: install data test train eval bench sync-check clean-nbs lerobot-data lerobot-eval docs browser

install: $(STAMP)

$(STAMP): settings.ini setup.py plugin/pyproject.toml
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c '$(NEW_ENOUGH)'; then \
	  echo "install: $(VENV) runs $$($(BIN)/python -V); making it again with Python >= 3.12"; rm -rf $(VENV); fi
	@if [ ! -x $(BIN)/python ]; then \
	  if [ -z "$(PYTHON)" ] || ! $(PYTHON) -c '$(NEW_ENOUGH)' 2>/dev/null; then \
	    echo "install: no Python >= 3.12 found ($(or $(PYTHON),none)); install one (e.g. pyenv install 3.12) or pass PYTHON=/path/to/python3.12"; \
	    exit 1; fi; \
	  $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install -q --upgrade pip
	@# torch's CUDA wheels are large and a download can break off: pip resumes it, and the whole install is tried
	@# up to 4 times (finished wheels stay in pip's cache, so a retry only fetches what is missing).
	@for attempt in 1 2 3 4; do \
	  if $(BIN)/python -m pip install -q --resume-retries 20 -e ".[dev]" -e ./plugin; then break; fi; \
	  if [ $$attempt -eq 4 ]; then echo "install: pip failed 4 times (network?); run 'make install' again"; exit 1; fi; \
	  echo "install: pip failed (attempt $$attempt of 4); trying again in 20 s"; sleep 20; \
	done
	@# JupyterLab marks a notebook changed when its kernel's name differs from the one nbdev_clean writes (python3):
	@# register the project's kernel under that name, so notebooks open clean.
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name python3 > /dev/null
	@touch $(STAMP)

# Link the shared demos into the ignored data/ folder (never copied into git).
data:
	@mkdir -p data
	@if [ -d "$(SHARED_DATA)" ] && [ ! -e data/pusht ]; then ln -s "$$(cd $(SHARED_DATA) && pwd)" data/pusht; fi
	@if [ -e data/pusht ]; then echo "data: data/pusht -> $$(readlink -f data/pusht)"; \
	 else echo "data: no data/pusht; set BET_NB_PUSHT_ZARR or put the zarr in data/pusht (see README)"; fi

# Notebooks and library must agree: exporting again must change nothing.
sync-check: install
	@before=$$(find bet_nb -name '*.py' | sort | xargs sha256sum); \
	$(BIN)/nbdev_export; \
	after=$$(find bet_nb -name '*.py' | sort | xargs sha256sum); \
	if [ "$$before" != "$$after" ]; then \
	  echo "bet_nb/ was out of sync with nbs/; nbdev_export changed:"; diff <(echo "$$before") <(echo "$$after"); \
	  echo "commit the exported bet_nb/ (edit only the notebooks)"; exit 1; fi; \
	echo "sync-check: bet_nb/ matches nbs/"

# Tests publish their figures, GIFs and results into a temporary folder (BET_NB_OUTPUT_DIR), never into plots/,
# media/ or results/; the last check fails if the tests changed the work tree (with REQUIRE_CLEAN=1, as CI sets it:
# if the tree is not clean after the tests).
test: install data sync-check browser
	@out=$$(mktemp -d); export BET_NB_OUTPUT_DIR=$$out; \
	tree_state() { git status --porcelain=v1 --untracked-files=all; git diff | sha256sum; }; \
	before=$$(tree_state); \
	passed=0; failed=0; failed_list=""; \
	for nb in nbs/*.ipynb; do \
	  start=$$(date +%s); \
	  if $(BIN)/nbdev_test --path $$nb > /tmp/bet_nb_test.log 2>&1; then \
	    passed=$$((passed+1)); echo "PASS $$nb ($$(( $$(date +%s)-start )) s)"; \
	  else failed=$$((failed+1)); failed_list="$$failed_list $$nb"; echo "FAIL $$nb"; cat /tmp/bet_nb_test.log; fi; \
	done; \
	if [ -z "$$(command -v chromium)$$BET_NB_CHROMIUM" ]; then \
	  echo "SKIPPED the site's browser test in nbs/16_site.ipynb: no Chromium (make browser installs Debian's chromium)"; fi; \
	for nb in $(OTHER_CPU_CHECK); do \
	  start=$$(date +%s); \
	  if env $(OTHER_CPU_ENV) $(BIN)/nbdev_test --path $$nb > /tmp/bet_nb_test.log 2>&1; then \
	    passed=$$((passed+1)); echo "PASS $$nb as on another CPU ($(OTHER_CPU_ENV); $$(( $$(date +%s)-start )) s)"; \
	  else failed=$$((failed+1)); failed_list="$$failed_list other-cpu:$$nb"; echo "FAIL $$nb as on another CPU ($(OTHER_CPU_ENV))"; \
	    cat /tmp/bet_nb_test.log; fi; \
	done; \
	start=$$(date +%s); \
	if $(BIN)/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
	     --output-dir $$out/kernel_run $(NB_KERNEL_CHECK) > /tmp/bet_nb_kernel.log 2>&1; then \
	  passed=$$((passed+1)); echo "PASS $(NB_KERNEL_CHECK) through a Jupyter kernel ($$(( $$(date +%s)-start )) s)"; \
	else failed=$$((failed+1)); failed_list="$$failed_list kernel:$(NB_KERNEL_CHECK)"; echo "FAIL kernel run of $(NB_KERNEL_CHECK)"; cat /tmp/bet_nb_kernel.log; fi; \
	after=$$(tree_state); \
	if [ -n "$(REQUIRE_CLEAN)" ] && [ -n "$$(git status --porcelain=v1 --untracked-files=all)" ]; then \
	  failed=$$((failed+1)); failed_list="$$failed_list clean-tree"; echo "FAIL the work tree is not clean after the tests:"; git status --short; \
	elif [ "$$before" != "$$after" ]; then \
	  failed=$$((failed+1)); failed_list="$$failed_list unchanged-tree"; echo "FAIL the tests changed the work tree:"; git status --short; \
	else passed=$$((passed+1)); echo "PASS the tests left the work tree as they found it"; fi; \
	rm -rf $$out; \
	[ -z "$$failed_list" ] || echo "failed:$$failed_list"; \
	echo "$$passed passed, $$failed failed"; \
	[ $$failed -eq 0 ]

# The main job: train PRESET (pusht-state-reheat, notebook 08; PRESET=pusht-state for imitation only, PRESET=pusht-image-cpu
# for the pixel policy, notebook 09), publish its EMA
# weights to models/PRESET, evaluate them on EVAL_EPISODES episodes.
train: install data
	$(BIN)/bet_train --preset $(PRESET) --out runs/$(PRESET)
	$(BIN)/bet_publish --src runs/$(PRESET)/checkpoint --dst models/$(PRESET)
	$(BIN)/bet_eval --checkpoint models/$(PRESET) --name $(PRESET) --episodes $(EVAL_EPISODES)

# Evaluate the published checkpoint of PRESET again (results/PRESET.json, GIF, figures).
eval: install data
	$(BIN)/bet_eval --checkpoint models/$(PRESET) --name $(PRESET) --episodes $(EVAL_EPISODES)

# The course as a website (appendix 16): MkDocs from PyPI, offline, no cell executed, into _docs/ (settings.ini's
# doc_path). Read it through a local server: .venv/bin/python -m http.server -d _docs 8000
docs: install
	$(BIN)/bet_docs

# Debian's chromium for the site's browser test (appendix 16), installed when missing and apt-get can (as root or
# through sudo without a password); otherwise the test says it was skipped.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || { sudo -n true 2>/dev/null && sudo="sudo -n"; }; \
	  if { [ "$$(id -u)" = 0 ] || [ -n "$$sudo" ]; } && command -v apt-get >/dev/null 2>&1; then \
	    echo "browser: installing Debian's chromium for the site's browser test (log: /tmp/bet_nb_apt.log)"; \
	    for attempt in 1 2 3; do \
	      $$sudo apt-get update -qq > /tmp/bet_nb_apt.log 2>&1; \
	      if DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends chromium \
	           fonts-liberation >> /tmp/bet_nb_apt.log 2>&1; then break; fi; \
	      echo "browser: apt-get failed (attempt $$attempt of 3)"; sleep 10; \
	    done; \
	  fi; \
	fi; \
	if command -v chromium >/dev/null 2>&1; then echo "browser: $$(chromium --version 2>/dev/null | head -1)"; \
	else echo "browser: no chromium (installing it needs apt-get as root): the site's browser test will be skipped"; fi

clean-nbs: install
	$(BIN)/nbdev_clean

# Benchmarks (not tests): our evaluator against LeRobot's eval_policy and the bare simulator, WindowDataset against
# LeRobotDataset, k-means against scikit-learn, a training step by phase. Prints a table, writes results/bench.json.
bench: install data
	$(BIN)/bet_bench --checkpoint models/pusht-state

# LeRobot's view of the same model (notebook 12): the demos as a local LeRobot dataset (for lerobot-train), and
# LeRobot's own lerobot-eval on the published folder models/PRESET, on the headline's seeds (100000 onwards).
lerobot-data: install data
	@test -e data/pusht_lerobot_state || HF_HUB_OFFLINE=1 $(BIN)/python -c "from bet_nb.data import load_pusht_zarr, to_lerobot_dataset; \
	  to_lerobot_dataset(load_pusht_zarr(), 'data/pusht_lerobot_state', repo_id='local/pusht_bet_nb')"
	@echo "lerobot-data: data/pusht_lerobot_state (--dataset.repo_id=local/pusht_bet_nb --dataset.root=data/pusht_lerobot_state)"

lerobot-eval: install
	HF_HUB_OFFLINE=1 $(BIN)/lerobot-eval --policy.path=models/$(PRESET) --env.type=pusht \
	  --env.obs_type=environment_state_agent_pos --eval.n_episodes=$(EVAL_EPISODES) --eval.batch_size=50 --eval.use_async_envs=false --seed=100000 \
	  --policy.device=cpu --output_dir=runs/lerobot-eval/make-$(PRESET)
