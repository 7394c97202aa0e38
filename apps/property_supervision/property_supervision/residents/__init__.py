"""The public side of the supervision (SPEC §11): what residents and the public read without a
desk account.

- language.py   which language a residents' page speaks (中文 / ئۇيغۇرچە), remembered in a cookie,
                right-to-left for Uyghur; the one home of that rule;
- compounds.py  /compounds and one page per compound: management, contract, fees, publicity,
                owners' committee (public fields only);
- credit.py     /credit: the credit disclosure of filed enterprises as Credit Settings allow.

The pages live in www/ (compounds, compound, credit, complaint, complaint-status); the guest
endpoints in api/disclosure.py. Nothing here returns a person's name, a phone or an ID number.
"""
